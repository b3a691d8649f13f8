package dev.aegis.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * Keeps the arrows between modules pointing the right way: the domain knows no technology, the SDK knows no server,
 * the store knows no HTTP; and feature packages inside a module do not form cycles. Runs here because this module
 * has every other one on its class path.
 */
@AnalyzeClasses(packages = "dev.aegis", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
  @ArchTest
  static final ArchRule coreIsPureDomain =
      noClasses()
          .that()
          .resideInAPackage("dev.aegis.core..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "io.javalin..",
              "org.eclipse.jetty..",
              "java.sql..",
              "javax.sql..",
              "org.jdbi..",
              "com.zaxxer..",
              "org.flywaydb..",
              "java.net.http..",
              "dev.aegis.server..",
              "dev.aegis.store..",
              "dev.aegis.client..",
              "dev.aegis.cli..")
          .because("the domain is plain Java: no HTTP, no JDBC, and it knows none of the modules built on it");

  @ArchTest
  static final ArchRule clientKnowsNoServer =
      noClasses()
          .that()
          .resideInAPackage("dev.aegis.client..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("dev.aegis.server..", "dev.aegis.store..", "dev.aegis.cli..", "io.javalin..")
          .because("the SDK ships to agents; it speaks HTTP to a server and must not drag one in");

  @ArchTest
  static final ArchRule storeKnowsNoServer =
      noClasses()
          .that()
          .resideInAPackage("dev.aegis.store..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("dev.aegis.server..", "dev.aegis.cli..", "dev.aegis.client..")
          .because("the store implements the core's ports and is used by the server, not the other way round");

  @ArchTest
  static final ArchRule serverKnowsNoCli =
      noClasses()
          .that()
          .resideInAPackage("dev.aegis.server..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("dev.aegis.cli..", "dev.aegis.client..")
          .because("the CLI wraps the server; the server must run without it");

  @ArchTest
  static final ArchRule noCyclesInCore = cycleFree("dev.aegis.core.(*)..");

  @ArchTest
  static final ArchRule noCyclesInStore = cycleFree("dev.aegis.store.(*)..");

  @ArchTest
  static final ArchRule noCyclesInServer = cycleFree("dev.aegis.server.(*)..");

  @ArchTest
  static final ArchRule noCyclesInClient = cycleFree("dev.aegis.client.(*)..");

  @ArchTest
  static final ArchRule noCyclesInCli = cycleFree("dev.aegis.cli.(*)..");

  /** A module whose classes all sit in one package has no slices yet; the rule then holds trivially. */
  private static ArchRule cycleFree(String slicePattern) {
    return slices().matching(slicePattern).should().beFreeOfCycles().allowEmptyShould(true);
  }

  @ArchTest
  static final ArchRule cliFeaturesUseOnlySupport =
      noClasses()
          .that()
          .resideInAnyPackage("dev.aegis.cli.support..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "dev.aegis.cli.tenants..", "dev.aegis.cli.keys..", "dev.aegis.cli.server..", "dev.aegis.cli.demo..",
              "dev.aegis.cli.runs..", "dev.aegis.cli.budgets..", "dev.aegis.cli.alerts..", "dev.aegis.cli.webhooks..",
              "dev.aegis.cli.policy..", "dev.aegis.cli.decisions..", "dev.aegis.cli.ratecaps..")
          .because("commands build on the shared support package, never the other way round");
}
