package fableforge;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import org.junit.jupiter.api.Test;

/**
 * The package structure of the main code (docs/ARCHITECTURE.md): no package depends on itself through
 * others, and only the entry points use the composition root.
 */
class ArchitectureTest {

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
            .importPackages("fableforge");

    /**
     * Each package is its own slice, subpackages too: {@code video.remote} and {@code video.kling} are
     * different slices, so a cycle between a port's package and its adapters' is caught, not hidden
     * inside one {@code video} slice.
     */
    private static final SliceAssignment EVERY_PACKAGE = new SliceAssignment() {
        @Override
        public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
            return SliceIdentifier.of(javaClass.getPackageName());
        }

        @Override
        public String getDescription() {
            return "every package of fableforge";
        }
    };

    @Test
    void noPackageDependsOnItselfThroughOthers() {
        slices().assignedFrom(EVERY_PACKAGE).should().beFreeOfCycles().check(MAIN);
    }

    /**
     * The root package is the composition root and the settings list: a provider package that reached
     * into it could not be added or removed on its own. Only the entry points (cli, bench) start an App.
     */
    @Test
    void onlyTheEntryPointsDependOnTheCompositionRoot() {
        noClasses().that().resideOutsideOfPackages("fableforge", "fableforge.cli", "fableforge.bench")
                .should().dependOnClassesThat().resideInAPackage("fableforge")
                .check(MAIN);
    }

    @Test
    void theRulesSeeTheWholeMainCode() {
        assertThat(MAIN.stream().map(JavaClass::getPackageName).distinct().count())
                .as("packages checked; a wrong import would make the rules above pass on nothing").isGreaterThan(30);
        assertThat(MAIN.contain(App.class)).isTrue();
    }
}
