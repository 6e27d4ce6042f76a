#!/usr/bin/env bash
# One-shot set-up of the compose broker (service kafka-setup of docker-compose.yml), run before the
# services start and again on every `up`; every step is idempotent. As the admin user it
#   1. creates or updates each service's SCRAM-SHA-512 user with the password from the environment
#      (so a password changed in .env takes effect at the next `up`),
#   2. creates the saga topics and their dead-letter topics (the services do not: KAFKA_CREATE_TOPICS
#      is false, they have no right to), payment commands with their 1-hour retention,
#   3. grants each service exactly the rights of dev.shopflow.common.TopicAccess (common/README.md,
#      "Kafka principals and rights"): write what it produces, the topics it consumes (a dead-letter
#      redrive) and their dead-letter topics; read what it consumes and its dead-letter topics, in its
#      own consumer group. ComposeKafkaSecurityIntegrationTests compares the result with TopicAccess.
# Environment: KAFKA_ADMIN_PASSWORD, KAFKA_ORDER_SERVICE_PASSWORD, KAFKA_PAYMENT_SERVICE_PASSWORD,
# KAFKA_INVENTORY_SERVICE_PASSWORD (letters and digits, e.g. openssl rand -hex 32), optional
# KAFKA_BOOTSTRAP_SERVERS (kafka:9092), KAFKA_TOPIC_PARTITIONS (6), KAFKA_TOPIC_REPLICAS (1).
# Runs in the apache/kafka image (Kafka's own tools in /opt/kafka/bin).
set -euo pipefail

bootstrap="${KAFKA_BOOTSTRAP_SERVERS:-kafka:9092}"
partitions="${KAFKA_TOPIC_PARTITIONS:-6}"
replicas="${KAFKA_TOPIC_REPLICAS:-1}"
bin=/opt/kafka/bin

for variable in KAFKA_ADMIN_PASSWORD KAFKA_ORDER_SERVICE_PASSWORD KAFKA_PAYMENT_SERVICE_PASSWORD \
	KAFKA_INVENTORY_SERVICE_PASSWORD; do
	value="${!variable:-}"
	if [[ ! "$value" =~ ^[A-Za-z0-9._-]{12,}$ ]]; then
		echo "kafka-setup: $variable must be at least 12 letters, digits, '.', '_' or '-'" >&2
		exit 2
	fi
	if [[ "${value,,}" =~ change[-_\ ]?me ]]; then
		echo "kafka-setup: $variable is still the template's placeholder (deploy/compose.env.example)" >&2
		exit 2
	fi
done

admin=$(mktemp)
trap 'rm -f "$admin"' EXIT
chmod 600 "$admin"
cat > "$admin" <<CONFIG
security.protocol=SASL_PLAINTEXT
sasl.mechanism=SCRAM-SHA-512
sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="admin" password="${KAFKA_ADMIN_PASSWORD}";
CONFIG

# the broker may still be starting: its port answers (the healthcheck) before it takes requests
for attempt in $(seq 1 60); do
	if existing=$("$bin/kafka-topics.sh" --bootstrap-server "$bootstrap" --command-config "$admin" --list 2>/dev/null); then
		break
	fi
	if [ "$attempt" = 60 ]; then
		echo "kafka-setup: the broker at $bootstrap did not answer" >&2
		exit 1
	fi
	sleep 2
done

user() { # name password
	"$bin/kafka-configs.sh" --bootstrap-server "$bootstrap" --command-config "$admin" --alter \
		--entity-type users --entity-name "$1" --add-config "SCRAM-SHA-512=[iterations=8192,password=$2]" > /dev/null
	echo "kafka-setup: SCRAM user $1"
}

topic() { # name [config...]
	local name=$1
	shift
	if grep -qx "$name" <<< "$existing"; then
		return
	fi
	local configs=()
	for config in "$@"; do
		configs+=(--config "$config")
	done
	"$bin/kafka-topics.sh" --bootstrap-server "$bootstrap" --command-config "$admin" --create --if-not-exists \
		--topic "$name" --partitions "$partitions" --replication-factor "$replicas" "${configs[@]}" > /dev/null
	echo "kafka-setup: topic $name $*"
}

acl() { # principal operation topic...
	local principal=$1 operation=$2
	shift 2
	local topics=()
	for name in "$@"; do
		topics+=(--topic "$name")
	done
	"$bin/kafka-acls.sh" --bootstrap-server "$bootstrap" --command-config "$admin" --add \
		--allow-principal "User:$principal" --operation "$operation" "${topics[@]}" > /dev/null
	echo "kafka-setup: $principal may $operation $*"
}

group() { # principal group
	"$bin/kafka-acls.sh" --bootstrap-server "$bootstrap" --command-config "$admin" --add \
		--allow-principal "User:$1" --operation Read --group "$2" > /dev/null
	echo "kafka-setup: $1 may join the consumer group $2"
}

user order-service "$KAFKA_ORDER_SERVICE_PASSWORD"
user payment-service "$KAFKA_PAYMENT_SERVICE_PASSWORD"
user inventory-service "$KAFKA_INVENTORY_SERVICE_PASSWORD"

# dev.shopflow.common.Topics: the saga's topics and their dead-letter topics; the payment commands
# carry card tokens and are kept 1 hour (Topics.config, common/README.md "Retention")
short_lived=(retention.ms=3600000 segment.ms=600000)
topic shopflow.inventory.commands
topic shopflow.inventory.commands.dlt
topic shopflow.inventory.replies
topic shopflow.inventory.replies.dlt
topic shopflow.payment.commands "${short_lived[@]}"
topic shopflow.payment.commands.dlt "${short_lived[@]}"
topic shopflow.payment.replies
topic shopflow.payment.replies.dlt
topic shopflow.order.events
topic shopflow.order.events.dlt

# dev.shopflow.common.TopicAccess
acl order-service Write shopflow.inventory.commands shopflow.payment.commands shopflow.order.events \
	shopflow.inventory.replies shopflow.payment.replies shopflow.inventory.replies.dlt shopflow.payment.replies.dlt
acl order-service Read shopflow.inventory.replies shopflow.payment.replies shopflow.inventory.replies.dlt \
	shopflow.payment.replies.dlt
group order-service order-service

acl payment-service Write shopflow.payment.replies shopflow.payment.commands shopflow.payment.commands.dlt
acl payment-service Read shopflow.payment.commands shopflow.payment.commands.dlt
group payment-service payment-service

acl inventory-service Write shopflow.inventory.replies shopflow.inventory.commands shopflow.inventory.commands.dlt
acl inventory-service Read shopflow.inventory.commands shopflow.inventory.commands.dlt
group inventory-service inventory-service

echo "kafka-setup: done"
