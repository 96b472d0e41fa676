package no.inkasso.gateway.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.jms.TextMessage;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import no.inkasso.gateway.ApiTestClient;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * The /ops dashboard in a real headless Chromium (Debian's chromium and chromium-driver): it asks for
 * the key, shows the routes, shows a route stopped through the API as stopped, shows a dead letter (in
 * its queue's row too) and replays it, the queue's depth following. Skipped without the browser, unless {@code GATEWAY_TEST_REQUIRE_BROWSER=true} (set by
 * .ci/run), where that is a failure.
 */
@CamelSpringBootTest
@AutoConfigureObservability
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class OpsDashboardIT {

    static final boolean REQUIRED = Boolean.parseBoolean(System.getenv("GATEWAY_TEST_REQUIRE_BROWSER"));
    static final Path CHROMIUM = Path.of(envOr("GATEWAY_TEST_CHROMIUM", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(envOr("GATEWAY_TEST_CHROMEDRIVER", "/usr/bin/chromedriver"));
    private static final Duration PAGE = Duration.ofSeconds(20);
    private static final String ROUTE = "eligibility-recheck-waiting";

    private static WebDriver browser;
    private static Path profile;

    @LocalServerPort
    int port;
    @Autowired
    JmsTemplate jms;
    @Autowired
    EmbeddedActiveMQ broker;

    @BeforeAll
    static void startBrowser() throws Exception {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            String problem = "No headless browser: " + CHROMIUM + " and " + CHROMEDRIVER
                    + " are needed (apt-get install chromium chromium-driver)";
            if (REQUIRED) {
                fail(problem + "; GATEWAY_TEST_REQUIRE_BROWSER=true, so this is a failure, not a skip");
            }
            Assumptions.abort(problem + "; or run .ci/run");
        }
        profile = Files.createTempDirectory("ops-dashboard-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // The machine's network is closed: without the background-networking flags Chromium keeps trying to reach Google.
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1400,1200", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void theDashboardShowsRoutesAStoppedRouteAndReplaysADeadLetter() throws Exception {
        ApiTestClient api = new ApiTestClient(port);
        WebDriverWait wait = new WebDriverWait(browser, PAGE);
        browser.get("http://localhost:" + port + "/ops");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("key"))).sendKeys(OpsApiIT.OPS_KEY);
        browser.findElement(By.id("connect")).click();

        By routeState = By.cssSelector("#routes tr[data-route-id='" + ROUTE + "'] .state");
        wait.until(ExpectedConditions.textToBe(routeState, "Started"));
        wait.until(ExpectedConditions.textToBe(By.cssSelector("#health tr[data-component='db'] .state"), "UP"));
        assertThat(browser.findElements(By.cssSelector("#pipeline li[data-state]"))).hasSizeGreaterThanOrEqualTo(6);

        assertThat(api.post("/api/v1/ops/routes/" + ROUTE + "/stop", OpsApiIT.OPS_KEY).statusCode()).isEqualTo(200);
        try {
            wait.until(ExpectedConditions.textToBe(routeState, "Stopped"));
        } finally {
            assertThat(api.post("/api/v1/ops/routes/" + ROUTE + "/start", OpsApiIT.OPS_KEY).statusCode()).isEqualTo(200);
        }
        wait.until(ExpectedConditions.textToBe(routeState, "Started"));

        // A dead letter of a queue of its own, so replaying it disturbs no other test.
        String queue = "opsui." + UUID.randomUUID();
        broker.getActiveMQServer().createQueue(QueueConfiguration.of(queue).setRoutingType(RoutingType.ANYCAST).setDurable(true));
        jms.send(queue + ".dlq", session -> session.createTextMessage("{\"replay\":\"me\"}"));
        JsonNode listed = ApiTestClient.json(api.get("/api/v1/ops/dead-letters?queue=" + queue + ".dlq", OpsApiIT.OPS_KEY));
        String messageId = listed.at("/queues/0/messages/0/messageId").asText();
        By row = By.cssSelector(".dlq[data-queue='" + queue + ".dlq'] tr[data-message-id='" + messageId + "']");
        wait.until(ExpectedConditions.visibilityOfElementLocated(row));
        By deadLetters = By.cssSelector("#queues tr[data-queue='" + queue + "'] .dead-letters");
        wait.until(ExpectedConditions.textToBe(deadLetters, "1"));
        assertThat(browser.findElements(By.cssSelector("#endpoints tr[data-kind='agency']"))).as("the configured agencies").isNotEmpty();
        wait.until(ExpectedConditions.textToBe(By.cssSelector("#endpoints tr[data-endpoint='demo-erp-csv'] .state"), "UP"));
        screenshot("ops-dashboard.png");

        browser.findElement(row).findElement(By.cssSelector("button.replay")).click();

        wait.until(ExpectedConditions.invisibilityOfElementLocated(row));
        wait.until(ExpectedConditions.textToBe(deadLetters, "0"));
        wait.until(ExpectedConditions.textToBe(By.cssSelector("#queues tr[data-queue='" + queue + "'] .depth"), "1"));
        jms.setReceiveTimeout(10_000);
        assertThat(((TextMessage) jms.receive(queue)).getText()).isEqualTo("{\"replay\":\"me\"}");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("audit"), "DEAD_LETTER_REPLAY"));
    }

    private static void screenshot(String name) throws Exception {
        Path target = Path.of("target", name);
        Files.createDirectories(target.getParent());
        Files.copy(((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath(), target,
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    private static String envOr(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value.trim();
    }
}
