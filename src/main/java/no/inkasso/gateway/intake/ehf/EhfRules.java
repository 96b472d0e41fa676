package no.inkasso.gateway.intake.ehf;

import java.util.concurrent.CompletableFuture;
import no.inkasso.gateway.ehf.EhfReader;
import no.inkasso.gateway.ehf.EhfSettings;
import no.inkasso.gateway.ehf.SchematronValidator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The one {@link EhfReader} of the application. Compiling the PEPPOL schematron takes seconds, so it
 * happens on its own thread from start-up: the rest of the gateway starts meanwhile, and this
 * health indicator ({@code ehfRules}, part of readiness) says OUT_OF_SERVICE until the rules are
 * compiled (DOWN if they cannot be). A document that arrives before then waits for them.
 */
@Component("ehfRulesHealthIndicator")
public class EhfRules implements HealthIndicator {

    private static final Logger log = LoggerFactory.getLogger(EhfRules.class);

    private final CompletableFuture<EhfReader> reader = new CompletableFuture<>();
    private final boolean compiles;

    public EhfRules(EhfProperties properties) {
        EhfSettings settings = new EhfSettings(properties.maxDocumentBytes(), properties.schematron().policy());
        compiles = properties.schematron().needsRules();
        if (!compiles) {
            reader.complete(new EhfReader(settings, null));
            return;
        }
        Thread compiler = new Thread(() -> {
            long started = System.nanoTime();
            try {
                SchematronValidator rules = SchematronValidator.peppolBis3();
                reader.complete(new EhfReader(settings, rules));
                log.info("PEPPOL BIS Billing 3.0 rules compiled in {} ms ({}, {})", (System.nanoTime() - started) / 1_000_000,
                        rules.invoiceRules(), rules.creditNoteRules());
            } catch (RuntimeException | Error e) {
                log.error("PEPPOL BIS Billing 3.0 rules could not be compiled; EHF documents cannot be read", e);
                reader.completeExceptionally(e);
            }
        }, "ehf-rules-compiler");
        compiler.setDaemon(true);
        compiler.start();
    }

    /** The reader; waits while the rules are still compiling. */
    public EhfReader reader() {
        return reader.join();
    }

    @Override
    public Health health() {
        if (!reader.isDone()) {
            return Health.outOfService().withDetail("rules", "compiling").build();
        }
        if (reader.isCompletedExceptionally()) {
            return Health.down().withDetail("rules", "failed to compile (see the log)").build();
        }
        return Health.up().withDetail("rules", compiles ? "compiled" : "off for every creditor").build();
    }
}
