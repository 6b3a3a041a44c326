package org.seawallsim.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.seawallsim.scenario.model.ScenarioLoader;

/**
 * The shipped schema (what editors check files against) and the loader agree: every library file passes the schema,
 * and edits that the loader refuses for a range or a key fail it too. Before: the schema allowed 1-byte buffers (the
 * loader needs a full frame, 1 538) and refused the top-level x- keys the loader ignores for anchored blocks.
 */
class SchemaMatchesLoaderTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Schema SCHEMA;

    static {
        try {
            SCHEMA = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                    .getSchema(Files.readString(Path.of("scenario.schema.json")));
        } catch (java.io.IOException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    static Stream<Path> library() throws Exception {
        return Files.list(Path.of("library")).filter(p -> p.toString().endsWith(".yaml")).sorted();
    }

    @ParameterizedTest
    @MethodSource("library")
    void everyLibraryFilePassesTheSchema(Path f) throws Exception {
        JsonNode doc = YAML.readTree(f.toFile());
        List<Error> errors = SCHEMA.validate(doc);
        assertThat(errors).as(f.toString()).isEmpty();
        // And the loader takes it: the two agree on what is valid.
        ScenarioLoader.load(f, List.of());
    }

    private static final String BASE = """
            topology: {builder: dumbbell, hosts: 1, bufferBytes: %s}
            tenants:
              t1: {vms: {a: {host: h0, traffic: [{type: bulk, to: b}]}, b: {host: h1}}}
            durationS: 1
            warmupS: 0.2
            %s
            """;

    @ParameterizedTest(name = "bufferBytes {0}, extra {1}: valid {2}")
    @CsvSource(delimiter = '|', value = {"150000 | | true", "1538 | | true", "1537 | | false", "1 | | false",
        "150000 | 'x-common: {a: 1}' | true", "150000 | 'bogus: 1' | false", "150000 | 'seed: -1' | true",
        // Integral floats are integers to JSON Schema; the loader refused them ("got 1000000.0"). Fractions, and
        // integers past a long (the schema gave the seed no bounds), are refused by both. (1e30 and [1, 1.0] are
        // refused by both under the JSON Schema spec, as python-jsonschema has it; this validator compares a float
        // beyond a long as the largest long and 1.0 as unlike 1, so they are not listed here.)
        "1000000.0 | | true", "1e6 | | true", "1.5e5 | | true", "150000.5 | | false", "150000 | 'seed: -0.0' | true",
        "150000 | 'seed: 9223372036854775808' | false", "150000 | 'seed: -9223372036854775809' | false",
        "150000 | 'seed: 9223372036854775807' | true", "150000 | 'tieSeed: 7.0' | true",
        // Sweep axes: a value listed twice is refused by the loader (it would run the same points twice), and was
        // accepted by the schema.
        "[150000, 200000] | | true", "[150000, 150000] | | false",
        // Scheme parameters are axes too: a list of distinct values is taken by both, a value twice or an empty list
        // by neither (the schema refused every list there, which the loader now takes). BASE names no scheme, so it
        // runs seawall: an axis over a scheme the file does not run is refused by the loader alone (a check across
        // fields, as the ECN-threshold one), and the case is about the lists' shape.
        "150000 | 'schemeParams: {seawall: {intervalUs: [500, 2000], feedback: [loss, ecn]}}' | true",
        "150000 | 'schemeParams: {seawall: {intervalUs: [500, 500]}}' | false",
        "150000 | 'schemeParams: {drr: {queueBytes: []}}' | false"})
    void theSchemaAndTheLoaderAcceptTheSameEdits(String buffer, String extra, boolean valid, @org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        agree(BASE.formatted(buffer, extra == null ? "" : extra), valid, dir);
    }

    /** The schema and the loader both take {@code text}, or both refuse it, as {@code valid} says. */
    private static void agree(String text, boolean valid, Path dir) throws Exception {
        assertThat(SCHEMA.validate(YAML.readTree(text)).isEmpty()).as("schema on\n" + text).isEqualTo(valid);
        Path f = dir.resolve("s.yaml");
        Files.writeString(f, text);
        boolean loads;
        try {
            ScenarioLoader.load(f, List.of());
            loads = true;
        } catch (org.seawallsim.scenario.model.ScenarioException e) {
            loads = false;
        }
        assertThat(loads).as("loader on\n" + text).isEqualTo(valid);
    }

    /**
     * Booleans: the loader takes true or false in any case, quoted or not, and refuses YAML 1.1's yes/no/on/off;
     * the schema typed them as JSON booleans only, so an editor flagged a quoted "true" that runs.
     */
    @ParameterizedTest(name = "sack: {0} valid {1}")
    @CsvSource(delimiter = '|', value = {"true | true", "False | true", "'\"true\"' | true", "'\"FALSE\"' | true",
        "'\"yes\"' | false", "'\"maybe\"' | false", "1 | false"})
    void theSchemaAndTheLoaderAcceptTheSameBooleans(String value, boolean valid,
            @org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        String text = """
                topology: {builder: dumbbell, hosts: 1}
                tenants:
                  t1: {vms: {a: {host: h0, traffic: [{type: bulk, to: b, sack: %s}]}, b: {host: h1}}}
                scheme: tcp
                durationS: 1
                warmupS: 0.2
                """.formatted(value);
        agree(text, valid, dir);
    }
}
