package dev.tickstream;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The walls between packages that the build holds to (more follow as the packages are
 * reshaped): the game API and the games are plain Java that knows no engine; configuration
 * knows nothing of ours; the wire core knows no engine package. A broken wall fails the build
 * like a broken behaviour.
 */
class ArchitectureTest {
  static final JavaClasses MAIN = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("dev.tickstream");

  static final String[] ENGINE = {"dev.tickstream.room..", "dev.tickstream.gateway..",
      "dev.tickstream.cluster..", "dev.tickstream.client..", "dev.tickstream.loadtest..",
      "dev.tickstream.sync..", "dev.tickstream.config.."};

  @Test
  void theGameApiIsPlainJavaAndProtobuf() {
    classes().that().resideInAPackage("dev.tickstream.sim..")
        .should().onlyDependOnClassesThat()
        .resideInAnyPackage("dev.tickstream.sim..", "java..", "com.google.protobuf..")
        .because("a game is written against the game API alone, with no engine, Vert.x, "
            + "RxJava or clock in sight")
        .check(MAIN);
  }

  @Test
  void eachGameUsesOnlyTheGameApiAndItsOwnMessages() {
    for (String game : new String[] {"arena", "football"}) {
      classes().that().resideInAPackage("dev.tickstream.games." + game + "..")
          .should().onlyDependOnClassesThat()
          .resideInAnyPackage("dev.tickstream.games." + game + "..", "dev.tickstream.sim..",
              "dev.tickstream.proto." + game + "..", "java..", "com.google.protobuf..")
          .because("a game is an example any developer could have written outside the engine")
          .check(MAIN);
    }
  }

  @Test
  void nothingButToolsAndTheNodeReachIntoAGame() {
    noClasses().that().resideInAnyPackage("dev.tickstream.room..", "dev.tickstream.gateway..",
            "dev.tickstream.cluster..", "dev.tickstream.sync..", "dev.tickstream.client..",
            "dev.tickstream.sim..", "dev.tickstream.config..")
        .should().dependOnClassesThat().resideInAPackage("dev.tickstream.games..")
        .because("the engine knows a game only through its GameSpec")
        .check(MAIN);
  }

  @Test
  void configurationKnowsNothingOfOurs() {
    noClasses().that().resideInAPackage("dev.tickstream.config..")
        .should().dependOnClassesThat().resideInAnyPackage(ENGINE[0], ENGINE[1], ENGINE[2],
            ENGINE[3], ENGINE[4], ENGINE[5], "dev.tickstream.sim..", "dev.tickstream.games..")
        .check(MAIN);
  }

  @Test
  void theWireCoreKnowsNoEnginePackage() {
    noClasses().that().resideInAPackage("dev.tickstream.sync..")
        .should().dependOnClassesThat().resideInAnyPackage("dev.tickstream.room..",
            "dev.tickstream.gateway..", "dev.tickstream.cluster..", "dev.tickstream.client..",
            "dev.tickstream.loadtest..", "dev.tickstream.config..", "dev.tickstream.games..")
        .because("the server and the SDKs share it")
        .check(MAIN);
  }
}
