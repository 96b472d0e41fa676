package no.inkasso.gateway;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class GatewayApplication {

    public static void main(String[] args) {
        // H2 caches recent values by hash, hashing every string it reads or writes (a claim's JSON is
        // about 1.3 KB): 4-5 % of the CPU of a large file intake, for a cache that saves next to nothing here.
        defaultProperty("h2.objectCache", "false");
        // The embedded broker's pooled heap buffers: Netty makes an arena of 4 MB chunks per two cores'
        // worth of threads (four here). One arena is plenty for one broker and leaves 12 MB more of a
        // 256 MB heap to the work (measured: live heap at rest 109 MB -> 97 MB).
        defaultProperty("io.netty.allocator.numHeapArenas", "1");
        SpringApplication.run(GatewayApplication.class, args);
    }

    /** Sets a JVM-wide default that a {@code -D} on the command line still overrides. */
    private static void defaultProperty(String name, String value) {
        if (System.getProperty(name) == null) {
            System.setProperty(name, value);
        }
    }
}
