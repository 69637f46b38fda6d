package dev.hoist.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import jakarta.persistence.Entity;
import org.junit.jupiter.api.Test;

/**
 * How Hoist's packages may depend on each other, from the top down (docs/architecture.md):
 * <ol>
 * <li>adapters: pages ({@code *.pages}), the registry and search APIs ({@code *.api}), page
 * plumbing ({@code web}) and request checks ({@code edge});</li>
 * <li>callers: who is calling ({@code auth});</li>
 * <li>services, one package a feature ({@code account}, {@code org}, {@code repo}, …);</li>
 * <li>the policy: who may see and do what ({@code access});</li>
 * <li>the model: entities and their queries ({@code model});</li>
 * <li>the platform: database, storage, settings ({@code platform}, {@code storage}).</li>
 * </ol>
 * A layer uses only the layers below it, and no two packages depend on each other.
 */
@AnalyzeClasses(packages = "dev.hoist", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    private static final String[] SERVICES = {"dev.hoist.account", "dev.hoist.oidc", "dev.hoist.org", "dev.hoist.repo",
        "dev.hoist.registry", "dev.hoist.search", "dev.hoist.quota", "dev.hoist.audit", "dev.hoist.webhook"};

    @ArchTest
    static final ArchRule noPackagesDependOnEachOther = packagesFreeOfCycles();

    @ArchTest
    static final ArchRule layersAreUsedOnlyFromAbove = layeredArchitecture()
            .consideringOnlyDependenciesInLayers()
            .layer("Adapters").definedBy("dev.hoist..pages..", "dev.hoist..api..", "dev.hoist.web..", "dev.hoist.edge..")
            .layer("Callers").definedBy("dev.hoist.auth..")
            .layer("Services").definedBy(SERVICES)
            .layer("Policy").definedBy("dev.hoist.access..")
            .layer("Model").definedBy("dev.hoist.model..")
            .layer("Platform").definedBy("dev.hoist.platform..", "dev.hoist.storage..")
            .whereLayer("Adapters").mayNotBeAccessedByAnyLayer()
            .whereLayer("Callers").mayOnlyBeAccessedByLayers("Adapters")
            .whereLayer("Services").mayOnlyBeAccessedByLayers("Adapters", "Callers")
            .whereLayer("Policy").mayOnlyBeAccessedByLayers("Adapters", "Callers", "Services")
            .whereLayer("Model").mayOnlyBeAccessedByLayers("Adapters", "Callers", "Services", "Policy");

    /** HTTP stays in the adapters: below them nothing knows JAX-RS, RESTEasy or Vert.x Web routes. */
    @ArchTest
    static final ArchRule onlyAdaptersSpeakHttp = noClasses()
            .that().resideInAnyPackage(SERVICES)
            .or().resideInAnyPackage("dev.hoist.access..", "dev.hoist.model..", "dev.hoist.platform..", "dev.hoist.storage..")
            .should().dependOnClassesThat().resideInAnyPackage("jakarta.ws.rs..", "org.jboss.resteasy..",
                    "io.vertx.ext.web..", "io.quarkus.vertx.web..");

    @ArchTest
    static final ArchRule entitiesLiveInTheModel = classes()
            .that().areAnnotatedWith(Entity.class)
            .should().resideInAPackage("dev.hoist.model..");

    /** The cycle rule is no rule that always passes: two test packages that use each other break it. */
    @Test
    void aCycleBetweenTwoPackagesBreaksTheRule() {
        JavaClasses cycle = new ClassFileImporter().importPackages("dev.hoist.architecture.cycle");

        assertThrows(AssertionError.class, () -> packagesFreeOfCycles().check(cycle));
    }

    private static ArchRule packagesFreeOfCycles() {
        return slices().matching("dev.hoist.(**)").should().beFreeOfCycles();
    }
}
