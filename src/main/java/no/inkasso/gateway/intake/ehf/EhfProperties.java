package no.inkasso.gateway.intake.ehf;

import java.util.Map;
import no.inkasso.gateway.ehf.EhfSettings;
import no.inkasso.gateway.ehf.SchematronMode;
import no.inkasso.gateway.ehf.SchematronPolicy;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.Name;

/**
 * The EHF intake's settings (prefix {@code gateway.ehf}).
 *
 * @param maxDocumentBytes larger documents are rejected (TOO_LARGE) and kept truncated
 * @param schematron       the PEPPOL rules' mode: a default and per-creditor overrides
 * @param sourceSystems    per client id, the source system its EHF documents are claims of; default: the
 *                         first of the client's {@code source-systems}
 * @param inbound          the access-point queue
 */
@ConfigurationProperties(prefix = "gateway.ehf")
public record EhfProperties(Long maxDocumentBytes, Schematron schematron, Map<String, String> sourceSystems, Inbound inbound) {

    public EhfProperties {
        maxDocumentBytes = maxDocumentBytes == null ? EhfSettings.DEFAULT_MAX_DOCUMENT_BYTES : maxDocumentBytes;
        schematron = schematron == null ? new Schematron(null, null) : schematron;
        sourceSystems = sourceSystems == null ? Map.of() : Map.copyOf(sourceSystems);
        inbound = inbound == null ? new Inbound(null, 0, 0) : inbound;
    }

    /** {@code default} for every creditor not in {@code creditors} (org number → mode). */
    public record Schematron(@Name("default") SchematronMode defaultMode, Map<String, SchematronMode> creditors) {
        public Schematron {
            defaultMode = defaultMode == null ? SchematronMode.ENFORCE : defaultMode;
            creditors = creditors == null ? Map.of() : Map.copyOf(creditors);
        }

        public SchematronPolicy policy() {
            return SchematronPolicy.perCreditor(creditors, defaultMode);
        }

        /** Whether any creditor needs the compiled rules at all. */
        public boolean needsRules() {
            return defaultMode != SchematronMode.OFF || creditors.values().stream().anyMatch(m -> m != SchematronMode.OFF);
        }
    }

    /**
     * @param queue               the queue an access point drops documents on
     * @param redeliveryDelayMs   first wait before a failed message is delivered again (doubles each time, up to a minute)
     * @param maxDeliveryAttempts after this many failed deliveries the message goes to {@code <queue>.dlq}
     */
    public record Inbound(String queue, long redeliveryDelayMs, int maxDeliveryAttempts) {
        public Inbound {
            queue = queue == null || queue.isBlank() ? "ehf.inbound" : queue;
            redeliveryDelayMs = redeliveryDelayMs <= 0 ? 1000 : redeliveryDelayMs;
            maxDeliveryAttempts = maxDeliveryAttempts <= 0 ? 5 : maxDeliveryAttempts;
        }
    }
}
