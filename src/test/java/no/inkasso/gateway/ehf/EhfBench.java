package no.inkasso.gateway.ehf;

import com.helger.phive.api.EValidationBaseType;
import com.helger.phive.api.executor.IValidationExecutor;
import com.helger.phive.api.executorset.ValidationExecutorSetRegistry;
import com.helger.phive.api.validity.IValidityDeterminator;
import com.helger.phive.peppol.PeppolValidation;
import com.helger.phive.xml.source.IValidationSourceXML;
import com.helger.phive.xml.source.ValidationSourceXML;
import com.helger.ubl21.UBL21Marshaller;
import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.Unmarshaller;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;

/**
 * EHF intake throughput over the test corpus, in one run (not a test; see bench/README.md):
 * bare JAXB unmarshal, parse + XSD + map (the reader, schematron OFF), and the full reader with the
 * PEPPOL schematron (WARN, so every document runs every rule), each on N threads. With
 * {@code --compare} also ph-ubl21's own {@code read()} and phive's own schematron executor, the
 * two alternatives the reader's design was measured against.
 *
 * <pre>
 * java -cp target/test-classes:target/classes:$(cat target/bench.cp) no.inkasso.gateway.ehf.EhfBench \
 *      [--threads 2] [--warmup 20] [--seconds 20] [--schematron-warmup 60] [--compare]
 * </pre>
 */
public final class EhfBench {

    /** One thread's work on one document. */
    @FunctionalInterface
    interface Op {
        void run(byte[] document) throws Exception;
    }

    /** Makes a thread's own {@link Op} (for objects that are not thread-safe, such as an Unmarshaller). */
    @FunctionalInterface
    interface OpFactory {
        Op create() throws Exception;
    }

    public static void main(String[] args) throws Exception {
        int threads = intArg(args, "--threads", 2);
        int warmup = intArg(args, "--warmup", 20);
        int seconds = intArg(args, "--seconds", 20);
        int schematronWarmup = intArg(args, "--schematron-warmup", 60);
        boolean compare = List.of(args).contains("--compare");
        // phive logs a line per schematron run (config/application.yml quiets it in the application)
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("com.helger.schematron")).setLevel(ch.qos.logback.classic.Level.WARN);

        long start = System.nanoTime();
        SchematronValidator rules = SchematronValidator.peppolBis3();
        System.out.printf(Locale.ROOT, "rules %s / %s compiled in %.1f s%n", rules.invoiceRules(), rules.creditNoteRules(), (System.nanoTime() - start) / 1e9);
        EhfReader xsdOnly = new EhfReader(EhfSettings.defaults().withSchematron(SchematronPolicy.always(SchematronMode.OFF)), rules);
        EhfReader full = new EhfReader(EhfSettings.defaults().withSchematron(SchematronPolicy.always(SchematronMode.WARN)), rules);

        List<byte[]> documents = new ArrayList<>();
        long bytes = 0;
        for (String file : EhfCorpus.files().toList()) {
            byte[] document = EhfCorpus.bytes(file);
            boolean enveloped = new String(document, 0, Math.min(document.length, 2000), java.nio.charset.StandardCharsets.UTF_8).contains("StandardBusinessDocument");
            if (!enveloped && xsdOnly.read(document, EhfOrigin.of("bench")) instanceof EhfResult.Accepted) {
                documents.add(document);
                bytes += document.length;
            }
        }
        System.out.printf(Locale.ROOT, "corpus: %d accepted bare BIS 3 invoices and credit notes, %d bytes in all (%.1f KB average); %d threads, %d cores, %s%n",
                documents.size(), bytes, bytes / 1024.0 / documents.size(), threads, Runtime.getRuntime().availableProcessors(), Runtime.version());
        System.out.println("load before: " + load());

        JAXBContext context = JAXBContext.newInstance(
                oasis.names.specification.ubl.schema.xsd.invoice_21.ObjectFactory.class,
                oasis.names.specification.ubl.schema.xsd.creditnote_21.ObjectFactory.class);
        double bare = measure("bare JAXB unmarshal (no XSD)", documents, threads, warmup, seconds, () -> {
            Unmarshaller unmarshaller = context.createUnmarshaller();
            return d -> unmarshaller.unmarshal(new StreamSource(new ByteArrayInputStream(d)));
        });
        double mapped = measure("reader: parse + XSD + map", documents, threads, warmup, seconds,
                () -> d -> expectAccepted(xsdOnly.read(d, EhfOrigin.of("bench"))));
        System.out.printf(Locale.ROOT, "  = %.0f %% of bare JAXB%n", 100 * mapped / bare);
        if (compare) {
            measure("ph-ubl21 read() with XSD (no mapping)", documents, threads, warmup, seconds, () -> d -> {
                boolean invoice = new String(d, 0, Math.min(d.length, 4000), java.nio.charset.StandardCharsets.UTF_8).contains("Invoice-2\"");
                Object read = invoice ? UBL21Marshaller.invoice().read(d) : UBL21Marshaller.creditNote().read(d);
                if (read == null) {
                    throw new IllegalStateException("ph-ubl21 refused a corpus document");
                }
            });
        }
        measure("reader: full, with PEPPOL schematron", documents, threads, schematronWarmup, seconds,
                () -> d -> expectAccepted(full.read(d, EhfOrigin.of("bench"))));
        if (compare) {
            ValidationExecutorSetRegistry<IValidationSourceXML> registry = new ValidationExecutorSetRegistry<>();
            PeppolValidation.initStandard(registry);
            var invoiceSet = registry.findFirst(s -> s.getID().getAsSingleID().equals(rules.invoiceRules()));
            var creditNoteSet = registry.findFirst(s -> s.getID().getAsSingleID().equals(rules.creditNoteRules()));
            IValidityDeterminator<IValidationSourceXML> validity = IValidityDeterminator.createDefault();
            measure("phive executors (schematron only, DOM input)", documents, threads, schematronWarmup, seconds, () -> {
                var builders = DocumentBuilderFactory.newInstance();
                builders.setNamespaceAware(true);
                var builder = builders.newDocumentBuilder();
                return d -> {
                    var dom = builder.parse(new ByteArrayInputStream(d));
                    var set = "Invoice".equals(dom.getDocumentElement().getLocalName()) ? invoiceSet : creditNoteSet;
                    for (IValidationExecutor<IValidationSourceXML> executor : set.getAllExecutors()) {
                        if (executor.getValidationArtefact().getValidationType().getBaseType() == EValidationBaseType.SCHEMATRON) {
                            executor.applyValidation(ValidationSourceXML.create("bench", dom), validity, Locale.ROOT);
                        }
                    }
                };
            });
        }
        System.out.println("load after: " + load());
    }

    private static void expectAccepted(EhfResult result) {
        if (!(result instanceof EhfResult.Accepted)) {
            throw new IllegalStateException("a corpus document was refused: " + result);
        }
    }

    /** Runs each thread over the documents (each from its own offset) for warmup + measured seconds; prints and returns documents/s. */
    static double measure(String name, List<byte[]> documents, int threads, int warmupSeconds, int seconds, OpFactory factory) throws Exception {
        AtomicLong done = new AtomicLong();
        long warmupEnd = System.nanoTime() + warmupSeconds * 1_000_000_000L;
        long end = warmupEnd + seconds * 1_000_000_000L;
        List<Thread> workers = new ArrayList<>();
        List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        for (int t = 0; t < threads; t++) {
            Op op = factory.create();
            int offset = t * documents.size() / threads;
            Thread worker = new Thread(() -> {
                try {
                    long i = offset;
                    while (true) {
                        long now = System.nanoTime();
                        if (now >= end) {
                            return;
                        }
                        op.run(documents.get((int) (i++ % documents.size())));
                        if (now >= warmupEnd) {
                            done.incrementAndGet();
                        }
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
            });
            worker.start();
            workers.add(worker);
        }
        for (Thread worker : workers) {
            worker.join();
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException(name, failures.get(0));
        }
        double perSecond = done.get() / (double) seconds;
        System.out.printf(Locale.ROOT, "%-46s %9.0f documents/s (%d in %d s after %d s warm-up)%n", name, perSecond, done.get(), seconds, warmupSeconds);
        return perSecond;
    }

    private static String load() throws Exception {
        return Files.readString(Path.of("/proc/loadavg")).strip();
    }

    private static int intArg(String[] args, String name, int otherwise) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return Integer.parseInt(args[i + 1]);
            }
        }
        return otherwise;
    }
}
