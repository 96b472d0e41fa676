package no.inkasso.gateway.ops;

import java.time.Instant;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.ServiceStatus;
import org.apache.camel.api.management.ManagedCamelContext;
import org.apache.camel.api.management.mbean.ManagedRouteMBean;
import org.apache.camel.support.ScheduledPollConsumer;
import org.apache.camel.util.URISupport;
import org.springframework.stereotype.Component;

/** The gateway's Camel routes: state and counters from Camel's route controller and managed routes, stop and start. */
@Component
public class RouteOps {

    /** Routes that serve the operations API itself: stopping one would lock operations out of the dashboard. */
    static final String OWN_ROUTE_PREFIX = "ops-";

    private final CamelContext camel;
    /** Routes stopped through the operations API (and not started since): shown as such, not as failed. */
    private final java.util.Set<String> stoppedByOperations = java.util.concurrent.ConcurrentHashMap.newKeySet();

    public RouteOps(CamelContext camel) {
        this.camel = camel;
    }

    public List<RouteInfo> routes() {
        return camel.getRoutes().stream()
                .map(Route::getRouteId)
                .sorted(Comparator.naturalOrder())
                .map(this::describe)
                .toList();
    }

    public Optional<RouteInfo> route(String routeId) {
        return camel.getRoute(routeId) == null ? Optional.empty() : Optional.of(describe(routeId));
    }

    public boolean isOwn(String routeId) {
        return routeId.startsWith(OWN_ROUTE_PREFIX) || routeId.startsWith("rest-" + OWN_ROUTE_PREFIX);
    }

    public void stop(String routeId) throws Exception {
        camel.getRouteController().stopRoute(routeId);
        stoppedByOperations.add(routeId);
    }

    public void start(String routeId) throws Exception {
        camel.getRouteController().startRoute(routeId);
        stoppedByOperations.remove(routeId);
    }

    public boolean isStoppedByOperations(String routeId) {
        return stoppedByOperations.contains(routeId);
    }

    /** Not meant to run at start (autoStartup false, e.g. a consumer paused by configuration). */
    public boolean isStoppedByConfiguration(String routeId) {
        Route route = camel.getRoute(routeId);
        return route != null && !route.isAutoStartup();
    }

    /** When the route's last exchange failed (its latest exchange did not complete after that); null otherwise. */
    public Instant failingSince(String routeId) {
        ManagedRouteMBean counters = counters(routeId);
        if (counters == null) {
            return null;
        }
        Date failed = counters.getLastExchangeFailureTimestamp();
        Date completed = counters.getLastExchangeCompletedTimestamp();
        if (failed == null || (completed != null && completed.after(failed))) {
            return null;
        }
        Date first = counters.getFirstExchangeFailureTimestamp();
        return Instant.ofEpochMilli((first != null && (completed == null || first.after(completed)) ? first : failed).getTime());
    }

    /** For a polling consumer (SFTP, file): how many polls in a row failed; 0 for other consumers. */
    public long pollErrorsInARow(String routeId) {
        Route route = camel.getRoute(routeId);
        return route != null && route.getConsumer() instanceof ScheduledPollConsumer poll ? poll.getErrorCounter() : 0;
    }

    private ManagedRouteMBean counters(String routeId) {
        ManagedCamelContext managed = camel.getCamelContextExtension().getContextPlugin(ManagedCamelContext.class);
        return managed == null ? null : managed.getManagedRoute(routeId);
    }

    private RouteInfo describe(String routeId) {
        Route route = camel.getRoute(routeId);
        ServiceStatus status = camel.getRouteController().getRouteStatus(routeId);
        // Endpoint URIs may carry credentials (an SFTP password): masked as Camel masks them in its own logs.
        String from = URISupport.sanitizeUri(route.getEndpoint().getEndpointUri());
        ManagedRouteMBean counters = counters(routeId);
        if (counters == null) {
            return new RouteInfo(routeId, from, status == null ? "Unknown" : status.name(), route.getUptimeMillis(), 0, 0, 0, 0, 0, null);
        }
        Date lastFailure = counters.getLastExchangeFailureTimestamp();
        return new RouteInfo(routeId, from, status == null ? "Unknown" : status.name(), route.getUptimeMillis(),
                counters.getExchangesTotal(), counters.getExchangesFailed(), counters.getExchangesInflight(),
                counters.getMeanProcessingTime(), counters.getLastProcessingTime(),
                lastFailure == null ? null : Instant.ofEpochMilli(lastFailure.getTime()));
    }
}
