package no.inkasso.gateway.sftp;

import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import no.inkasso.gateway.GatewayProperties;
import no.inkasso.gateway.intake.csv.CsvFormatFiles;
import no.inkasso.gateway.intake.ehf.EhfFiles;
import no.inkasso.gateway.intake.file.FileIntake;
import no.inkasso.gateway.intake.xml.XmlClaimBatch;
import no.inkasso.gateway.security.ClientRegistry;
import no.inkasso.gateway.security.GatewayClient;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The configured SFTP sources ({@code gateway.sftp.sources}): each gets its format and client
 * checked at start, and a route {@code sftp-intake-poll-<id>} made from the route template
 * {@code sftp-intake-poll} (routes/sftp/), whose endpoints are built here from the configuration.
 */
@Configuration(proxyBeanMethods = false)
public class SftpSources {

    /** One source's endpoints: the folder polled and the folder error reports go to; {@code server} names them for people. */
    record Endpoints(String poll, String reports, String server) {}

    @Bean
    SftpFileTaker sftpFileTaker(GatewayProperties properties, FileIntake intake, ClientRegistry clients, EhfFiles ehfFiles) {
        Map<String, FileIntake.FileSource> sources = new LinkedHashMap<>();
        Map<String, GatewayClient> ehfSources = new LinkedHashMap<>();
        XmlClaimBatch xmlClaims = new XmlClaimBatch();
        for (GatewayProperties.SftpSource s : sources(properties)) {
            if (s.id() == null || !s.id().matches("[a-z0-9-]{1,48}")) {
                throw new IllegalStateException("gateway.sftp.sources: id '" + s.id() + "' must be 1-48 of a-z, 0-9 and '-'");
            }
            var client = clients.byId(s.client()).orElseThrow(() -> new IllegalStateException(
                    "gateway.sftp.sources: source " + s.id() + " acts as client " + s.client() + ", which is not in gateway.clients"));
            if (sources.containsKey(s.id()) || ehfSources.containsKey(s.id())) {
                throw new IllegalStateException("gateway.sftp.sources: source " + s.id() + " is configured twice");
            }
            if (EhfFiles.FORMAT.equals(s.format())) {
                ehfSources.put(s.id(), client);
            } else if (XmlClaimBatch.FORMAT.equals(s.format())) {
                sources.put(s.id(), new FileIntake.FileSource(s.id(), client, xmlClaims));
            } else {
                sources.put(s.id(), new FileIntake.FileSource(s.id(), client, CsvFormatFiles.read(Path.of(s.format()))));
            }
        }
        return new SftpFileTaker(intake, sources, ehfFiles, ehfSources);
    }

    /** Uploads with a temporary name, renamed when complete (error reports; later agency feeds and ledger status files). */
    @Bean
    SftpOutbound sftpOutbound(org.apache.camel.ProducerTemplate producer) {
        return new SftpOutbound(producer);
    }

    /** {@code components.sftpSources} in /actuator/health: each source's last poll. */
    @Bean
    SftpSourceHealth sftpSourcesHealthIndicator(Clock clock) {
        return new SftpSourceHealth(clock);
    }

    @Bean
    CamelContextConfiguration sftpSourceRoutes(GatewayProperties properties, ObjectProvider<EmbeddedSftpServer> embedded,
                                               SftpSourceHealth health) {
        return new CamelContextConfiguration() {
            @Override
            public void beforeApplicationStart(CamelContext camelContext) {
            }

            @Override
            public void afterApplicationStart(CamelContext camelContext) {
                for (GatewayProperties.SftpSource s : sources(properties)) {
                    Endpoints endpoints = endpoints(s, embedded.getIfAvailable(), properties.dataDir());
                    String strategy = "sftpPollHealth-" + s.id();
                    camelContext.getRegistry().bind(strategy, health.register(s.id(), endpoints.server()));
                    TemplatedRouteBuilder.builder(camelContext, "sftp-intake-poll")
                            .routeId("sftp-intake-poll-" + s.id())
                            .parameter("sourceId", s.id())
                            .parameter("pollEndpoint", endpoints.poll() + "&pollStrategy=#" + strategy)
                            .parameter("reportEndpoint", endpoints.reports())
                            .add();
                }
            }
        };
    }

    static List<GatewayProperties.SftpSource> sources(GatewayProperties properties) {
        return properties.sftp() == null ? List.of() : properties.sftp().sources();
    }

    /**
     * The Camel SFTP endpoints of a source. Files are downloaded to a local work folder (so a file of
     * any size streams to disk, never to the heap), taken only once their size has stopped changing
     * for {@code read-lock-min-age-ms} (5 s) (a ledger still uploading is never read half-way; ledgers that upload under another name
     * and rename are never matched early either), then moved to {@code .done/} or {@code .error/}.
     */
    static Endpoints endpoints(GatewayProperties.SftpSource s, EmbeddedSftpServer embedded, String dataDir) {
        String host = s.host();
        int port = s.port();
        if (s.embedded()) {
            if (embedded == null) {
                throw new IllegalStateException("gateway.sftp.sources: source " + s.id() + " uses the embedded SFTP server, which is off");
            }
            host = embedded.host();
            port = embedded.port();
        }
        String auth = SftpOutbound.connection(s.username(), s.password(), s.privateKeyFile(), s.knownHostsFile());
        String base = "sftp://" + host + ":" + port + "/";
        String folder = s.folder() == null || s.folder().isBlank() ? "inbox" : s.folder();
        String errors = s.errorFolder() == null || s.errorFolder().isBlank() ? "errors" : s.errorFolder();
        String include = s.include() != null && !s.include().isBlank() ? s.include()
                : EhfFiles.FORMAT.equals(s.format()) || XmlClaimBatch.FORMAT.equals(s.format()) ? EhfFiles.DEFAULT_INCLUDE : ".*\\.csv";
        long minAge = s.readLockMinAgeMs() > 0 ? s.readLockMinAgeMs() : 5000;
        String work = Path.of(dataDir, "sftp-work", s.id()).toAbsolutePath().normalize().toString();
        String poll = base + folder + "?" + auth
                + "&include=" + enc(include)
                + "&delay=" + (s.pollDelayMs() > 0 ? s.pollDelayMs() : 5000)
                + "&initialDelay=1000"
                + "&readLock=changed&readLockMinAge=" + minAge
                // an empty file is a file too (Camel's default waits for 1 byte, forever); a file still
                // changing after twice its minimum age is left for the next poll instead of holding the route
                + "&readLockMinLength=0&readLockCheckInterval=500&readLockTimeout=" + (2 * minAge + 2000)
                + "&readLockLoggingLevel=DEBUG"
                + "&localWorkDirectory=" + enc(work)
                + "&move=.done/${file:name}&moveFailed=.error/${file:name}"
                + "&stepwise=false&maxMessagesPerPoll=10&throwExceptionOnConnectFailed=true";
        String reports = SftpOutbound.endpointUri(new SftpOutbound.Target(host, port, s.username(), s.password(), s.privateKeyFile(),
                s.knownHostsFile(), errors));
        return new Endpoints(poll, reports, s.username() + "@" + host + ":" + port + "/" + folder);
    }

    private static String enc(String value) {
        return SftpOutbound.enc(value);
    }
}
