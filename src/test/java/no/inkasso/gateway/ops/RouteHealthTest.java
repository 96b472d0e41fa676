package no.inkasso.gateway.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;

/** The routes health component on a small Camel context of its own: failing, recovered, stopped by whom. */
class RouteHealthTest {

    private CamelContext camel;
    private RouteOps routes;
    private RouteHealth health;

    @BeforeEach
    void start() throws Exception {
        camel = new DefaultCamelContext();
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:work").routeId("test-work")
                        .filter(body().isEqualTo("fail")).throwException(new IllegalStateException("peer down")).end();
                from("direct:other").routeId("test-other").log("other");
            }
        });
        camel.start();
        routes = new RouteOps(camel);
        health = new RouteHealth(routes);
    }

    @AfterEach
    void stop() {
        camel.stop();
    }

    @Test
    void aRouteWhoseLastExchangeFailedIsShownFailingUntilOneSucceedsAndStaysUp() {
        ProducerTemplate producer = camel.createProducerTemplate();
        producer.send("direct:work", e -> e.getMessage().setBody("fail"));

        Health failing = health.health();
        assertThat(failing.getStatus()).isEqualTo(Status.UP);
        assertThat(failing.getDetails().get("failing")).isEqualTo(1);
        assertThat(state(failing, "test-work")).startsWith("Started, failing since ");

        producer.sendBody("direct:work", "ok");

        assertThat(state(health.health(), "test-work")).isEqualTo("Started");
        assertThat(health.health().getDetails().get("failing")).isEqualTo(0);
    }

    @Test
    void aRouteStoppedByOperationsIsIntendedButOneStoppedOtherwiseIsDown() throws Exception {
        routes.stop("test-other");
        assertThat(health.health().getStatus()).isEqualTo(Status.UP);
        assertThat(state(health.health(), "test-other")).isEqualTo("Stopped (by operations)");

        routes.start("test-other");
        camel.getRouteController().stopRoute("test-other");
        assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);
        assertThat(state(health.health(), "test-other")).isEqualTo("Stopped");

        camel.getRouteController().startRoute("test-other");
        assertThat(health.health().getStatus()).isEqualTo(Status.UP);
    }

    private static String state(Health health, String routeId) {
        return String.valueOf(((Map<?, ?>) health.getDetails().get("routes")).get(routeId));
    }
}
