package org.seawallsim.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.seawallsim.scenario.model.JsonSchema;

/** The shipped JSON Schema must be what the format generates now (regenerate with `describe --json-schema`). */
class JsonSchemaTest {
    @Test
    void shippedSchemaIsUpToDate() throws Exception {
        Path shipped = Path.of("scenario.schema.json");
        assertThat(Files.readString(shipped))
                .as("scenarios/scenario.schema.json is stale: run ./seawall-sim describe --json-schema "
                        + "> scenarios/scenario.schema.json")
                .isEqualTo(JsonSchema.generate());
    }
}
