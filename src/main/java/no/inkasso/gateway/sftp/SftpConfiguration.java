package no.inkasso.gateway.sftp;

import no.inkasso.gateway.GatewayProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The embedded SFTP server, on by default (`gateway.sftp.embedded.enabled`). */
@Configuration(proxyBeanMethods = false)
public class SftpConfiguration {

    @Bean
    @ConditionalOnProperty(name = "gateway.sftp.embedded.enabled", havingValue = "true")
    EmbeddedSftpServer embeddedSftpServer(GatewayProperties properties) {
        return new EmbeddedSftpServer(properties.sftp().embedded(), properties.security().allowDevKeys());
    }
}
