package org.seawallsim;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * No import cycle between any two packages of the project, across all modules: every package is its own slice, so
 * a cycle inside one module (engine.probe and engine.net, transport and transport.app) fails as much as one across
 * modules would. It runs here because this module's test classpath holds every other module. Test code is left
 * out: only production code has to keep its layers.
 */
class PackageCyclesTest {
    private static final ArchRule NO_PACKAGE_CYCLES = slices().matching("org.seawallsim.(**)").should()
            .beFreeOfCycles();

    @Test
    void productionPackagesAreFreeOfCycles() {
        JavaClasses all = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.seawallsim");
        // The rule is only worth something if it sees every module: one package from each, and the ones whose
        // cycles were broken.
        Set<String> packages = all.stream().map(JavaClass::getPackageName).collect(Collectors.toSet());
        assertThat(packages).contains("org.seawallsim.engine", "org.seawallsim.engine.net",
                "org.seawallsim.engine.packet", "org.seawallsim.engine.probe", "org.seawallsim.topology",
                "org.seawallsim.transport", "org.seawallsim.transport.stack", "org.seawallsim.transport.tcp",
                "org.seawallsim.transport.app", "org.seawallsim.baseline", "org.seawallsim.seawall.controller",
                "org.seawallsim.seawall.sim", "org.seawallsim.plots", "org.seawallsim.scenario.run",
                "org.seawallsim.cli");
        NO_PACKAGE_CYCLES.check(all);
    }

    @Test
    void theRuleFailsOnACycle() {
        // Test fixtures: archfixture.a <-> archfixture.b, and archfixture.c -> a outside the cycle.
        JavaClasses fixture = new ClassFileImporter().importPackages("org.seawallsim.archfixture");
        assertThat(fixture.size()).isEqualTo(3);
        assertThatThrownBy(() -> NO_PACKAGE_CYCLES.check(fixture)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("archfixture.a").hasMessageContaining("archfixture.b")
                .hasMessageNotContaining("archfixture.c");
    }
}
