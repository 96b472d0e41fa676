package no.inkasso.gateway.ops;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import no.inkasso.gateway.agency.AgencyBreaker;
import no.inkasso.gateway.agency.AgencyDeliveryWorker;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Health component {@code agencies}: per agency with a delivery, its circuit (CLOSED, OPEN, HALF_OPEN),
 * consecutive failures and the last success and failure since start. DOWN while any circuit is not
 * closed. Not in the readiness group: an agency being down pauses its deliveries (nothing is lost),
 * it must not take the gateway's API out of service.
 */
@Component("agenciesHealthIndicator")
public class AgencyHealth implements HealthIndicator {

    private final ObjectProvider<AgencyDeliveryWorker> worker;
    private final LongSupplier millis;

    public AgencyHealth(ObjectProvider<AgencyDeliveryWorker> worker) {
        this.worker = worker;
        this.millis = System::currentTimeMillis;
    }

    @Override
    public Health health() {
        AgencyDeliveryWorker delivery = worker.getIfAvailable();
        if (delivery == null || delivery.breakers().isEmpty()) {
            return Health.up().withDetail("agencies", "none with a delivery configured").build();
        }
        long now = millis.getAsLong();
        boolean anyOpen = false;
        Map<String, Object> details = new LinkedHashMap<>();
        for (Map.Entry<String, AgencyBreaker> entry : delivery.breakers().entrySet()) {
            AgencyBreaker breaker = entry.getValue();
            AgencyBreaker.State state = breaker.state(now);
            anyOpen |= state != AgencyBreaker.State.CLOSED;
            Map<String, Object> agency = new LinkedHashMap<>();
            agency.put("status", state == AgencyBreaker.State.CLOSED ? "UP" : "DOWN");
            agency.put("circuit", state.name());
            agency.put("consecutiveFailures", breaker.consecutiveFailures());
            if (breaker.lastSuccessAt() > 0) {
                agency.put("lastSuccessAt", Instant.ofEpochMilli(breaker.lastSuccessAt()).toString());
            }
            if (breaker.lastFailureAt() > 0) {
                agency.put("lastFailureAt", Instant.ofEpochMilli(breaker.lastFailureAt()).toString());
            }
            details.put(entry.getKey(), agency);
        }
        return (anyOpen ? Health.down() : Health.up()).withDetails(details).build();
    }
}
