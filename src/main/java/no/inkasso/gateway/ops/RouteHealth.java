package no.inkasso.gateway.ops;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Health component {@code routes}: every Camel route with its state, since when it fails when its last
 * exchange failed, and for a polling consumer how many polls in a row failed. DOWN only for a route that should run and does not (stopped, not by
 * operations; failed to start): a route an operator stopped is shown as such and counts as intended.
 * A failing route stays UP here (its failures are in its details, the metrics and the recent
 * failures): one failed tick of a timer must not take the gateway out of readiness.
 */
@Component("routesHealthIndicator")
public class RouteHealth implements HealthIndicator {

    private final RouteOps routes;

    public RouteHealth(RouteOps routes) {
        this.routes = routes;
    }

    @Override
    public Health health() {
        boolean down = false;
        int failing = 0;
        Map<String, Object> byRoute = new LinkedHashMap<>();
        for (RouteInfo route : routes.routes()) {
            String state = route.state();
            if (!"Started".equals(state)) {
                if (routes.isStoppedByOperations(route.routeId())) {
                    state = state + " (by operations)";
                } else if (routes.isStoppedByConfiguration(route.routeId())) {
                    state = state + " (autoStartup false)";
                } else {
                    down = true;
                }
            }
            Instant failingSince = routes.failingSince(route.routeId());
            long pollErrors = routes.pollErrorsInARow(route.routeId());
            if (failingSince != null || pollErrors > 0) {
                failing++;
            }
            if (failingSince != null) {
                state = state + ", failing since " + failingSince;
            }
            if (pollErrors > 0) {
                state = state + ", poll failing (" + pollErrors + " in a row)";
            }
            byRoute.put(route.routeId(), state);
        }
        return (down ? Health.down() : Health.up())
                .withDetail("failing", failing)
                .withDetail("routes", byRoute)
                .build();
    }
}
