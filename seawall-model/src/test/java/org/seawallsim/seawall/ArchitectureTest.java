package org.seawallsim.seawall;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/**
 * The controller, the SW-ports and the codec are plain Java that could run in a real hypervisor: they must not
 * depend on the simulator (engine, topology, transports, baselines) nor on the simulator adapters.
 */
class ArchitectureTest {
    @Test
    void datapathCodeImportsNoSimulatorPackage() {
        JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.seawallsim.seawall");
        ArchRule rule = noClasses().that().resideInAnyPackage("org.seawallsim.seawall.controller..",
                        "org.seawallsim.seawall.port..", "org.seawallsim.seawall.codec..")
                .should().dependOnClassesThat().resideInAnyPackage("org.seawallsim.engine..",
                        "org.seawallsim.topology..", "org.seawallsim.transport..", "org.seawallsim.baseline..",
                        "org.seawallsim.seawall.sim..", "org.seawallsim.scenario..", "org.seawallsim.cli..");
        rule.check(classes);
    }
}
