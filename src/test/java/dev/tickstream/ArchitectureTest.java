package dev.tickstream;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import org.junit.jupiter.api.Test;

/**
 * The walls between packages that the build holds to. Game code (the game API and the games)
 * is plain Java that knows no engine and no Vert.x; the wire core is shared by the server and
 * the SDK; the SDK uses only the wire core and Vert.x's public API; the bots use only the SDK;
 * the in-process benchmarks sit apart; no two packages need each other. A broken wall fails
 * the build like a broken behaviour.
 */
class ArchitectureTest {
  static final JavaClasses MAIN = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("dev.tickstream");

  private static final String PROTOS = "dev.tickstream.proto..";
  private static final String WIRE = "dev.tickstream.wire..";
  private static final String[] PLAIN = {"java..", "com.google.protobuf.."};

  @Test
  void theGameApiIsPlainJavaAndProtobuf() {
    classes().that().resideInAPackage("dev.tickstream.sim..")
        .should().onlyDependOnClassesThat()
        .resideInAnyPackage("dev.tickstream.sim..", WIRE, PROTOS, PLAIN[0], PLAIN[1])
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
              WIRE, "dev.tickstream.proto." + game + "..", PLAIN[0], PLAIN[1])
          .because("a game is an example any developer could have written outside the engine")
          .check(MAIN);
    }
  }

  @Test
  void onlyTheNodeAndItsToolsNameAGame() {
    classes().that().resideInAPackage("dev.tickstream.games..")
        .should().onlyHaveDependentClassesThat()
        .resideInAnyPackage("dev.tickstream.games..", "dev.tickstream.cli..",
            "dev.tickstream.bench..")
        .because("the engine, the SDK and the bots know a game only through its GameSpec or "
            + "its Welcome")
        .check(MAIN);
  }

  @Test
  void theWireCoreIsPlainJavaAndTheProtocol() {
    classes().that().resideInAPackage(WIRE)
        .should().onlyDependOnClassesThat()
        .resideInAnyPackage(WIRE, "dev.tickstream.proto.v1..", PLAIN[0], PLAIN[1])
        .because("the server and the SDKs share it: entity table, schema, decoder, state ring")
        .check(MAIN);
  }

  @Test
  void theEncoderKnowsOnlyTheWireCore() {
    classes().that().resideInAPackage("dev.tickstream.sync..")
        .should().onlyDependOnClassesThat()
        .resideInAnyPackage("dev.tickstream.sync..", WIRE, PROTOS, PLAIN[0], PLAIN[1],
            "io.vertx.core.buffer..")
        .because("the encoder writes frames; rooms, sockets and metrics are the fan-out's")
        .check(MAIN);
  }

  @Test
  void theSdkUsesOnlyTheWireCoreAndVertxPublicApi() {
    classes().that().resideInAPackage("dev.tickstream.client..")
        .should().onlyDependOnClassesThat()
        .resideInAnyPackage("dev.tickstream.client..", WIRE, PROTOS, PLAIN[0], PLAIN[1],
            "io.vertx.core..")
        .because("the Java SDK ships to game clients and tools without the server")
        .check(MAIN);
  }

  @Test
  void nothingUsesVertxInternals() {
    noClasses().should().dependOnClassesThat()
        .resideInAnyPackage("io.vertx.core.internal..", "io.vertx.core.impl..",
            "io.vertx.core.spi..")
        .because("internal classes change without notice between Vert.x releases")
        .check(MAIN);
  }

  @Test
  void theBotsUseOnlyTheSdk() {
    classes().that().resideInAPackage("dev.tickstream.loadtest..")
        .should().onlyDependOnClassesThat()
        .resideInAnyPackage("dev.tickstream.loadtest..", "dev.tickstream.client..", WIRE,
            "dev.tickstream.config..", PROTOS, PLAIN[0], PLAIN[1], "io.vertx.core..",
            "com.sun.management..")
        .because("a bot is a game client like any other; in-process tools live in bench")
        .check(MAIN);
  }

  @Test
  void theCostCommandAndItsFloorUseNoTickstreamCode() {
    classes().that().resideInAPackage("dev.tickstream.loadtest.cost..")
        .should().onlyDependOnClassesThat()
        .resideInAnyPackage("dev.tickstream.loadtest.cost..", "dev.tickstream.config..",
            PLAIN[0], "io.vertx.core..", "com.sun.management..")
        .because("the frame-I/O floor is bare Vert.x, and the bots come in through BotDriver,"
            + " so the bots' command may know the cost command and not the reverse")
        .check(MAIN);
  }

  @Test
  void configurationKnowsNothingOfOurs() {
    classes().that().resideInAPackage("dev.tickstream.config..")
        .should().onlyDependOnClassesThat()
        .resideInAnyPackage("dev.tickstream.config..", "java..", "io.vertx.core..")
        .check(MAIN);
  }

  @Test
  void noTwoPackagesNeedEachOther() {
    slices().assignedFrom(PACKAGES).should().beFreeOfCycles().check(MAIN);
  }

  /** Each package of ours is a slice, the root package too; generated protocol code is not. */
  private static final SliceAssignment PACKAGES = new SliceAssignment() {
    @Override
    public SliceIdentifier getIdentifierOf(JavaClass c) {
      String p = c.getPackageName();
      if (!p.startsWith("dev.tickstream") || p.startsWith("dev.tickstream.proto")) {
        return SliceIdentifier.ignore();
      }
      return SliceIdentifier.of(p.equals("dev.tickstream") ? "(root)"
          : p.substring("dev.tickstream.".length()));
    }

    @Override
    public String getDescription() {
      return "the packages of dev.tickstream";
    }
  };
}
