-- inventory-service: schema of the service's own data; the outbox and inbox come from service-defaults (db/messaging).
SELECT 1;
