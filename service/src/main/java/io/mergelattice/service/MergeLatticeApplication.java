package io.mergelattice.service;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The MergeLattice service. Run with {@code ./mvnw -pl service -am spring-boot:run} or
 * {@code java --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED -jar service/target/service-*.jar}.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class MergeLatticeApplication {
    public static void main(String[] args) {
        SpringApplication.run(MergeLatticeApplication.class, args);
    }
}
