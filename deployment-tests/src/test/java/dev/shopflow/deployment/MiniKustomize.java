package dev.shopflow.deployment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A minimal kustomize, for machines without {@code kubectl kustomize}: exactly the
 * features k8s/ uses, and it refuses any other kustomization field. Supported:
 * {@code resources} (files and directories with a kustomization.yaml), {@code namespace}
 * (on namespaced objects), {@code labels} (pairs added to metadata.labels and, with
 * {@code includeTemplates}, to pod templates; never to selectors), {@code images}
 * (newName/newTag), {@code configMapGenerator} (files, without name hash) and
 * {@code patches} with a {@code path} to a strategic-merge patch: maps merge, lists of
 * maps with a {@code name} merge by name, other lists are replaced, {@code $patch:
 * delete} removes the object. When kubectl is present, {@code KubernetesManifestsTests}
 * checks that both render the same objects.
 */
final class MiniKustomize {

	private static final Set<String> SUPPORTED = Set.of("apiVersion", "kind", "resources", "namespace", "labels",
			"images", "configMapGenerator", "patches");

	private static final Set<String> CLUSTER_SCOPED = Set.of("Namespace", "ClusterRole", "ClusterRoleBinding",
			"CustomResourceDefinition", "PersistentVolume", "StorageClass");

	private MiniKustomize() {
	}

	static List<Map<String, Object>> render(Path directory) {
		Map<String, Object> kustomization = YamlFiles.read(directory.resolve("kustomization.yaml"));
		for (String field : kustomization.keySet()) {
			if (!SUPPORTED.contains(field)) {
				throw new IllegalArgumentException(
						"MiniKustomize does not support '" + field + "' in " + directory.resolve("kustomization.yaml"));
			}
		}
		List<Map<String, Object>> objects = new ArrayList<>();
		for (Object resource : YamlFiles.list(kustomization.get("resources"))) {
			Path path = directory.resolve((String) resource).normalize();
			// read as text again: YAML aliases must not make two places share one map
			objects.addAll(Files.isDirectory(path) ? render(path) : YamlFiles.readAll(deAliased(path)));
		}
		for (Object generator : YamlFiles.list(kustomization.get("configMapGenerator"))) {
			objects.add(configMap(directory, YamlFiles.map(generator)));
		}
		for (Object patch : YamlFiles.list(kustomization.get("patches"))) {
			for (Map<String, Object> document : YamlFiles
				.readAll(directory.resolve((String) YamlFiles.map(patch).get("path")))) {
				applyPatch(objects, document);
			}
		}
		for (Object label : YamlFiles.list(kustomization.get("labels"))) {
			Map<String, Object> spec = YamlFiles.map(label);
			for (Map<String, Object> object : objects) {
				putAll(object, "metadata", spec);
				if (Boolean.TRUE.equals(spec.get("includeTemplates"))) {
					Map<String, Object> template = YamlFiles.path(object, "spec", "template");
					if (!template.isEmpty()) {
						putAll(template, "metadata", spec);
					}
				}
			}
		}
		for (Object image : YamlFiles.list(kustomization.get("images"))) {
			Map<String, Object> spec = YamlFiles.map(image);
			objects.forEach((object) -> replaceImages(object, spec));
		}
		Object namespace = kustomization.get("namespace");
		if (namespace != null) {
			for (Map<String, Object> object : objects) {
				if (!CLUSTER_SCOPED.contains(object.get("kind"))) {
					metadata(object).put("namespace", namespace);
				}
			}
		}
		return objects;
	}

	private static String deAliased(Path file) {
		org.yaml.snakeyaml.DumperOptions options = new org.yaml.snakeyaml.DumperOptions();
		options.setDereferenceAliases(true);
		StringBuilder text = new StringBuilder();
		for (Map<String, Object> document : YamlFiles.readAll(file)) {
			text.append("---\n").append(new org.yaml.snakeyaml.Yaml(options).dump(document));
		}
		return text.toString();
	}

	private static Map<String, Object> configMap(Path directory, Map<String, Object> generator) {
		Map<String, Object> data = new LinkedHashMap<>();
		for (Object file : YamlFiles.list(generator.get("files"))) {
			String[] keyAndPath = ((String) file).split("=", 2);
			String path = keyAndPath[keyAndPath.length - 1];
			String key = (keyAndPath.length == 2) ? keyAndPath[0] : Path.of(path).getFileName().toString();
			try {
				data.put(key, Files.readString(directory.resolve(path)));
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		if (!Boolean.TRUE.equals(YamlFiles.path(generator, "options").get("disableNameSuffixHash"))) {
			throw new IllegalArgumentException(
					"MiniKustomize supports configMapGenerator only with disableNameSuffixHash");
		}
		Map<String, Object> configMap = new LinkedHashMap<>();
		configMap.put("apiVersion", "v1");
		configMap.put("kind", "ConfigMap");
		configMap.put("metadata", new LinkedHashMap<>(Map.of("name", generator.get("name"))));
		configMap.put("data", data);
		return configMap;
	}

	private static void applyPatch(List<Map<String, Object>> objects, Map<String, Object> patch) {
		Iterator<Map<String, Object>> iterator = objects.iterator();
		while (iterator.hasNext()) {
			Map<String, Object> object = iterator.next();
			if (Objects.equals(object.get("kind"), patch.get("kind"))
					&& Objects.equals(metadata(object).get("name"), YamlFiles.path(patch, "metadata").get("name"))) {
				if ("delete".equals(patch.get("$patch"))) {
					iterator.remove();
				}
				else {
					merge(object, patch);
				}
				return;
			}
		}
		throw new IllegalArgumentException(
				"Patch target not found: " + patch.get("kind") + " " + YamlFiles.path(patch, "metadata").get("name"));
	}

	@SuppressWarnings("unchecked")
	static void merge(Map<String, Object> target, Map<String, Object> patch) {
		patch.forEach((key, value) -> {
			Object current = target.get(key);
			if (value instanceof Map<?, ?> map && current instanceof Map<?, ?> currentMap) {
				merge((Map<String, Object>) currentMap, (Map<String, Object>) map);
			}
			else if (value instanceof List<?> list && current instanceof List<?> currentList && isNamedList(list)
					&& isNamedList(currentList)) {
				// as kustomize does: items new to the list come first, in the patch's
				// order
				List<Object> added = new ArrayList<>();
				for (Object item : list) {
					Map<String, Object> patchItem = (Map<String, Object>) item;
					currentList.stream()
						.map((existing) -> (Map<String, Object>) existing)
						.filter((existing) -> Objects.equals(existing.get("name"), patchItem.get("name")))
						.findFirst()
						.ifPresentOrElse((existing) -> merge(existing, patchItem), () -> added.add(patchItem));
				}
				List<Object> merged = new ArrayList<>(added);
				merged.addAll(currentList);
				target.put(key, merged);
			}
			else {
				target.put(key, value);
			}
		});
	}

	private static boolean isNamedList(List<?> list) {
		return !list.isEmpty()
				&& list.stream().allMatch((item) -> item instanceof Map<?, ?> map && map.containsKey("name"));
	}

	@SuppressWarnings("unchecked")
	private static void putAll(Map<String, Object> object, String metadataKey, Map<String, Object> labelSpec) {
		Map<String, Object> metadata = (Map<String, Object>) object.computeIfAbsent(metadataKey,
				(key) -> new LinkedHashMap<>());
		Map<String, Object> labels = (Map<String, Object>) metadata.computeIfAbsent("labels",
				(key) -> new LinkedHashMap<>());
		labels.putAll(YamlFiles.map(labelSpec.get("pairs")));
	}

	@SuppressWarnings("unchecked")
	private static void replaceImages(Object node, Map<String, Object> spec) {
		if (node instanceof Map<?, ?> map) {
			Map<String, Object> object = (Map<String, Object>) map;
			if (object.get("image") instanceof String image && object.containsKey("name")) {
				String name = image.contains(":") ? image.substring(0, image.lastIndexOf(':')) : image;
				String tag = image.contains(":") ? image.substring(image.lastIndexOf(':') + 1) : null;
				if (name.equals(spec.get("name"))) {
					String newName = (String) spec.getOrDefault("newName", name);
					String newTag = (String) spec.getOrDefault("newTag", tag);
					object.put("image", (newTag != null) ? newName + ":" + newTag : newName);
				}
			}
			object.values().forEach((value) -> replaceImages(value, spec));
		}
		else if (node instanceof List<?> list) {
			list.forEach((value) -> replaceImages(value, spec));
		}
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> metadata(Map<String, Object> object) {
		return (Map<String, Object>) object.computeIfAbsent("metadata", (key) -> new LinkedHashMap<>());
	}

}
