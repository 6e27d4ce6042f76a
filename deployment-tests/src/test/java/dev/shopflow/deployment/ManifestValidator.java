package dev.shopflow.deployment;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;

/**
 * Strict validation of rendered Kubernetes objects: built-in kinds are read into
 * fabric8's Kubernetes model with a Jackson that fails on unknown properties, and every
 * model object must be left without "additional properties" (fabric8 collects unknown
 * fields there instead of failing); custom resources are checked against the CRD
 * structure in {@code src/test/resources/crd-schemas}.
 */
final class ManifestValidator {

	static final Map<String, Class<?>> BUILT_IN = Map.ofEntries(Map.entry("v1/ConfigMap", ConfigMap.class),
			Map.entry("v1/Secret", Secret.class), Map.entry("v1/Service", Service.class),
			Map.entry("v1/Namespace", Namespace.class), Map.entry("apps/v1/Deployment", Deployment.class),
			Map.entry("apps/v1/StatefulSet", StatefulSet.class),
			Map.entry("autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class),
			Map.entry("networking.k8s.io/v1/Ingress", Ingress.class),
			Map.entry("networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class),
			Map.entry("policy/v1/PodDisruptionBudget", PodDisruptionBudget.class));

	static final Map<String, String> CUSTOM = Map.ofEntries(Map.entry("kafka.strimzi.io/v1beta2/Kafka", "Kafka"),
			Map.entry("kafka.strimzi.io/v1beta2/KafkaNodePool", "KafkaNodePool"),
			Map.entry("kafka.strimzi.io/v1beta2/KafkaTopic", "KafkaTopic"),
			Map.entry("kafka.strimzi.io/v1beta2/KafkaUser", "KafkaUser"),
			Map.entry("postgresql.cnpg.io/v1/Cluster", "Cluster"),
			Map.entry("postgresql.cnpg.io/v1/Database", "Database"),
			Map.entry("keda.sh/v1alpha1/ScaledObject", "ScaledObject"),
			Map.entry("keda.sh/v1alpha1/TriggerAuthentication", "TriggerAuthentication"),
			Map.entry("monitoring.coreos.com/v1/ServiceMonitor", "ServiceMonitor"),
			Map.entry("monitoring.coreos.com/v1/PrometheusRule", "PrometheusRule"));

	private static final ObjectMapper STRICT = new ObjectMapper()
		.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
		.enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);

	private final Path schemas;

	ManifestValidator(Path schemas) {
		this.schemas = schemas;
	}

	/**
	 * Every problem found in the objects.
	 * @param objects rendered objects
	 * @return problems, each naming the object; empty if all are valid
	 */
	List<String> validate(List<Map<String, Object>> objects) {
		List<String> problems = new ArrayList<>();
		for (Map<String, Object> object : objects) {
			String type = object.get("apiVersion") + "/" + object.get("kind");
			String id = type + " " + YamlFiles.path(object, "metadata").get("name");
			Class<?> model = BUILT_IN.get(type);
			if (model != null) {
				try {
					Object parsed = STRICT.convertValue(object, model);
					collectUnknown(parsed, id, problems, new IdentityHashMap<>());
				}
				catch (IllegalArgumentException ex) {
					problems.add(id + ": " + ex.getMessage().lines().findFirst().orElse(""));
				}
			}
			else if (CUSTOM.containsKey(type)) {
				try {
					STRICT.convertValue(YamlFiles.map(object.get("metadata")), ObjectMeta.class);
				}
				catch (IllegalArgumentException ex) {
					problems.add(id + " metadata: " + ex.getMessage().lines().findFirst().orElse(""));
				}
				Map<String, Object> rest = new java.util.LinkedHashMap<>(object);
				rest.keySet().removeAll(Set.of("apiVersion", "kind", "metadata"));
				JsonSchemaSubset.load(this.schemas.resolve(CUSTOM.get(type) + ".yaml")).validate(rest, id, problems);
			}
			else {
				problems.add(id + ": unknown kind (neither a Kubernetes kind checked here nor a known CRD)");
			}
		}
		return problems;
	}

	private static void collectUnknown(Object node, String path, List<String> problems,
			IdentityHashMap<Object, Boolean> seen) {
		if (node == null || seen.put(node, Boolean.TRUE) != null) {
			return;
		}
		if (node instanceof Iterable<?> iterable) {
			iterable.forEach((item) -> collectUnknown(item, path, problems, seen));
			return;
		}
		if (node instanceof Map<?, ?> map) {
			map.values().forEach((item) -> collectUnknown(item, path, problems, seen));
			return;
		}
		if (!node.getClass().getName().startsWith("io.fabric8.")) {
			return;
		}
		for (var method : node.getClass().getMethods()) {
			if (method.getParameterCount() != 0 || method.getDeclaringClass() == Object.class) {
				continue;
			}
			String name = method.getName();
			try {
				if (name.equals("getAdditionalProperties")) {
					Map<?, ?> unknown = (Map<?, ?>) method.invoke(node);
					if (unknown != null && !unknown.isEmpty()) {
						problems.add(path + ": unknown field(s) " + unknown.keySet() + " in "
								+ node.getClass().getSimpleName());
					}
				}
				else if (name.startsWith("get") && !method.getReturnType().isPrimitive()) {
					collectUnknown(method.invoke(node), path, problems, seen);
				}
			}
			catch (ReflectiveOperationException ex) {
				problems.add(path + ": " + ex);
			}
		}
	}

}
