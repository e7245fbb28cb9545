package dev.ffe.core;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CountDownLatch;

/**
 * The deployment workflow used by the kill-and-resume test. Each step appends its name to a marker
 * file when it really runs; the step named by {@code killAt} announces itself and blocks, so the
 * test can SIGKILL this JVM inside it.
 */
public final class JournaledDeployment {
  static final String[] LEAVES = {
    "pre-deployment/backup",
    "pre-deployment/health-check",
    "deploy",
    "post-deployment/notify",
    "post-deployment/monitoring"
  };

  private JournaledDeployment() {}

  static WorkflowStep workflow(Path markers, String killAt) {
    return WorkflowStep.sequential(
        "deployment",
        WorkflowStep.parallel(
            "pre-deployment",
            step("backup", "pre-deployment/backup", markers, killAt),
            step("health-check", "pre-deployment/health-check", markers, killAt)),
        WorkflowStep.task(
            "deploy",
            ctx -> {
              announce("deploy", killAt);
              Object backup = ctx.outputOf("pre-deployment/backup").orElseThrow();
              mark(markers, "deploy");
              return "deployed using " + backup;
            }),
        WorkflowStep.parallel(
            "post-deployment",
            step("notify", "post-deployment/notify", markers, killAt),
            step("monitoring", "post-deployment/monitoring", markers, killAt)));
  }

  private static WorkflowStep step(String name, String path, Path markers, String killAt) {
    return WorkflowStep.task(
        name,
        ctx -> {
          announce(path, killAt);
          mark(markers, name);
          return name + "-output";
        });
  }

  private static void announce(String path, String killAt) throws InterruptedException {
    if (path.equals(killAt)) {
      System.out.println("START " + path);
      System.out.flush();
      new CountDownLatch(1).await();
    }
  }

  private static void mark(Path markers, String name) throws java.io.IOException {
    Files.writeString(
        markers,
        name + "\n",
        StandardOpenOption.CREATE,
        StandardOpenOption.APPEND,
        StandardOpenOption.SYNC);
  }

  /** Runs the workflow with a journal: args are journal file, marker file, step to block in. */
  public static void main(String[] args) throws Exception {
    WorkflowExecutor executor = WorkflowExecutor.builder().executor(Runnable::run).build();
    executor
        .run(workflow(Path.of(args[1]), args[2]), RunOptions.defaults().journal(Path.of(args[0])))
        .join();
  }
}
