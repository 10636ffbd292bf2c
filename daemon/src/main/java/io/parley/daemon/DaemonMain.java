package io.parley.daemon;

import io.parley.daemon.cli.ExitCode;
import io.parley.daemon.cli.Launcher;
import io.parley.daemon.cli.DataDirectory;
import io.parley.launch.logging.LogOptions;
import io.parley.daemon.cli.RunningDaemon;
import java.util.concurrent.CountDownLatch;

/**
 * Entry point of {@code parleyd.jar}: {@code java -jar parleyd.jar [--data DIR] [--relay URI]...
 * [OPTIONS]} (docs/daemon.md, or {@code --help}). Runs until SIGTERM or SIGINT, then drains
 * and exits with {@link ExitCode#OK}, or {@link ExitCode#FAILURE} if draining failed.
 */
public final class DaemonMain {
  private DaemonMain() {}

  public static void main(String[] args) throws InterruptedException {
    Launcher.Outcome outcome = Launcher.start(args, System.getenv(), DataDirectory.userHome(),
        System.out, System.err, LogOptions::apply);
    if (outcome instanceof Launcher.Exit exit) {
      System.exit(exit.code().status());
    }
    RunningDaemon daemon = ((Launcher.Started) outcome).daemon();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(daemon), "parleyd-shutdown"));
    Launcher.printReady(System.out);
    // The agent's and relay's threads may all be daemon threads: block so the JVM lives until
    // the shutdown hook halts it.
    new CountDownLatch(1).await();
  }

  private static void stop(RunningDaemon daemon) {
    System.out.println(Launcher.PREFIX + "stopping");
    boolean clean = daemon.stop();
    System.out.println(Launcher.PREFIX + (clean ? "stopped" : "stopped without draining"));
    System.out.flush();
    System.err.flush();
    // Left alone, the JVM reports 143 after SIGTERM however the drain went; halting from the
    // last step of shutdown makes the status say whether it was clean.
    Runtime.getRuntime().halt((clean ? ExitCode.OK : ExitCode.FAILURE).status());
  }
}
