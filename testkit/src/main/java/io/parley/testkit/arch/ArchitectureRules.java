package io.parley.testkit.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaConstructorCall;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.FileReader;
import java.io.FileWriter;
import java.io.RandomAccessFile;
import java.net.DatagramSocket;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.AsynchronousServerSocketChannel;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.channels.DatagramChannel;
import java.nio.channels.FileChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.time.Clock;
import java.util.Arrays;
import java.util.Calendar;
import java.util.Date;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;
import javax.net.ServerSocketFactory;
import javax.net.SocketFactory;

/**
 * The project's architecture rules, shared so each module's {@code ArchitectureTest} states
 * only which rules apply to it (see docs/architecture.md). Every rule names what it forbids in
 * its failure message. Stateless.
 */
public final class ArchitectureRules {
  /** Parley's root package; every module's packages sit under it. */
  public static final String PARLEY = "io.parley";
  /** What code that talks to a daemon only over HTTP (the SDK and the bots) must not use. */
  public static final List<String> SDK_ONLY_FORBIDDEN = List.of("io.parley.protocol",
      "io.parley.agent", "io.parley.transport", "io.parley.relay", "io.parley.daemon",
      "org.bouncycastle");

  private static final List<Class<?>> SOCKET_CLASSES = List.of(Socket.class, ServerSocket.class,
      DatagramSocket.class);
  private static final List<Class<?>> CHANNEL_CLASSES = List.of(SocketChannel.class,
      ServerSocketChannel.class, DatagramChannel.class, AsynchronousSocketChannel.class,
      AsynchronousServerSocketChannel.class, FileChannel.class);
  private static final List<Class<?>> FILE_IO_CLASSES = List.of(Files.class, FileChannel.class,
      FileInputStream.class, FileOutputStream.class, RandomAccessFile.class, FileReader.class,
      FileWriter.class);

  private ArchitectureRules() {}

  /**
   * No two packages under {@code rootPackage} (itself included) depend on each other, directly
   * or through others: each package is its own slice, so a cycle between two sibling packages
   * fails as well as one between a package and its parent.
   */
  public static ArchRule noPackageCycles(String rootPackage) {
    return slices().assignedFrom(new SliceAssignment() {
      @Override
      public SliceIdentifier getIdentifierOf(JavaClass c) {
        String p = c.getPackageName();
        return p.equals(rootPackage) || p.startsWith(rootPackage + ".")
            ? SliceIdentifier.of(p) : SliceIdentifier.ignore();
      }

      @Override
      public String getDescription() {
        return "the packages of " + rootPackage;
      }
    }).should().beFreeOfCycles().because("arrows between packages point one way");
  }

  /** No class uses anything in the given packages or their subpackages. */
  public static ArchRule useNothingOf(List<String> packages) {
    String[] patterns = packages.stream().map(p -> p + "..").toArray(String[]::new);
    return noClasses().should().dependOnClassesThat().resideInAnyPackage(patterns);
  }

  /** No class uses anything of Parley outside {@code ownRootPackage}. */
  public static ArchRule useNothingOfParleyBut(String ownRootPackage) {
    return noClasses().should().dependOnClassesThat(DescribedPredicate.describe(
        "belong to Parley outside " + ownRootPackage,
        (JavaClass c) -> within(c.getPackageName(), PARLEY)
            && !within(c.getPackageName(), ownRootPackage)));
  }

  /** No class constructs or starts a thread or builds an executor: the caller owns threads. */
  public static ArchRule startNoThreads() {
    return noClasses().should().callConstructorWhere(constructorOf(
            "a Thread or an ExecutorService",
            owner -> owner.isAssignableTo(Thread.class)
                || owner.isAssignableTo(ExecutorService.class)))
        .orShould().callMethodWhere(methodOf("Thread.start or Executors.*",
            (owner, call) -> owner.isAssignableTo(Thread.class)
                && call.getName().equals("start")
                || owner.isEquivalentTo(Executors.class)))
        .because("the library is called on its caller's threads");
  }

  /** No class opens a socket or a socket channel: the caller owns the network. */
  public static ArchRule openNoSockets() {
    return noClasses().should().callConstructorWhere(constructorOf("a socket",
            owner -> SOCKET_CLASSES.stream().anyMatch(owner::isAssignableTo)))
        .orShould().callMethodWhere(methodOf("a socket factory or channel open()",
            (owner, call) -> owner.isAssignableTo(SocketFactory.class)
                || owner.isAssignableTo(ServerSocketFactory.class)
                || CHANNEL_CLASSES.stream().anyMatch(owner::isAssignableTo)
                    && call.getName().equals("open")))
        .because("the caller owns the network; the library sees bytes and TLS parameters");
  }

  /** No class reads or writes files: the caller owns storage. */
  public static ArchRule doNoFileIo() {
    return noClasses().should().dependOnClassesThat()
        .belongToAnyOf(FILE_IO_CLASSES.toArray(Class<?>[]::new))
        .because("the caller owns storage; the library encodes and decodes");
  }

  /**
   * No class reads the wall clock itself: no {@code System.currentTimeMillis()}, no
   * {@code now()} of java.time without a {@link Clock}, no system {@link Clock}, no
   * {@code new Date()} or default {@link Calendar}. Time is injected as a {@link Clock} or an
   * instant, so tests can set it.
   */
  public static ArchRule readNoWallClock() {
    return noClasses().should().callMethodWhere(methodOf(
            "currentTimeMillis, now() without a Clock, Clock.system*/tick*, Calendar.getInstance",
            ArchitectureRules::readsWallClock))
        .orShould().callConstructorWhere(constructorCall("new Date() or new Calendar()",
            call -> call.getTarget().getRawParameterTypes().isEmpty()
                && (call.getTargetOwner().isEquivalentTo(Date.class)
                    || call.getTargetOwner().isAssignableTo(Calendar.class))))
        .because("time is injected (a java.time.Clock), so it can be set in tests");
  }

  private static boolean readsWallClock(JavaClass owner, JavaMethodCall call) {
    String name = call.getName();
    if (owner.isEquivalentTo(System.class)) {
      return name.equals("currentTimeMillis");
    }
    if (owner.isEquivalentTo(Clock.class)) {
      return name.startsWith("system") || name.startsWith("tick") && !name.equals("tick");
    }
    if (owner.isAssignableTo(Calendar.class)) {
      return name.equals("getInstance");
    }
    return owner.getPackageName().equals("java.time") && name.equals("now")
        && call.getTarget().getRawParameterTypes().stream()
            .noneMatch(t -> t.isEquivalentTo(Clock.class));
  }

  private static boolean within(String packageName, String root) {
    return packageName.equals(root) || packageName.startsWith(root + ".");
  }

  private static DescribedPredicate<JavaConstructorCall> constructorOf(String what,
      Predicate<JavaClass> owner) {
    return constructorCall(what, call -> owner.test(call.getTargetOwner()));
  }

  private static DescribedPredicate<JavaConstructorCall> constructorCall(String what,
      Predicate<JavaConstructorCall> test) {
    return DescribedPredicate.describe("constructs " + what, test);
  }

  private static DescribedPredicate<JavaMethodCall> methodOf(String what,
      java.util.function.BiPredicate<JavaClass, JavaMethodCall> test) {
    return DescribedPredicate.describe("calls " + what,
        (JavaMethodCall call) -> test.test(call.getTargetOwner(), call));
  }

  /** The rules that keep a library pure: no threads, sockets, files or wall clock of its own. */
  public static List<ArchRule> pureLibrary() {
    return Arrays.asList(startNoThreads(), openNoSockets(), doNoFileIo(), readNoWallClock());
  }
}
