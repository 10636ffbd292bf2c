package io.parley.daemon.delivery;

import java.util.Date;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobDataMap;
import org.quartz.JobDetail;
import org.quartz.JobExecutionContext;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.impl.StdSchedulerFactory;

/**
 * Timers for retries and periodic sweeps, on a Quartz scheduler with the in-memory job store.
 * Memory is enough because the durable state is elsewhere: a retry's due time is stored with
 * its outbox message and the startup scan re-creates the timers. Jobs only hand their task to
 * the agent's executor, so the single Quartz thread is never busy. Thread-safe.
 */
public final class RetryScheduler implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(RetryScheduler.class.getName());
  private static final String TASK = "task";
  private static final String EXECUTOR = "executor";
  private static final AtomicLong INSTANCES = new AtomicLong();

  private final Scheduler scheduler;
  private final Executor executor;

  /** The Quartz job: runs the task it carries on the executor it carries. */
  public static final class HandOff implements Job {
    @Override
    public void execute(JobExecutionContext context) {
      JobDataMap data = context.getMergedJobDataMap();
      Runnable task = (Runnable) data.get(TASK);
      Executor executor = (Executor) data.get(EXECUTOR);
      try {
        executor.execute(task);
      } catch (RuntimeException e) {
        LOG.log(System.Logger.Level.DEBUG, "scheduled task refused: " + e.getMessage());
      }
    }
  }

  /** Starts a scheduler of its own (each agent in a JVM gets a distinct one). */
  public RetryScheduler(Executor executor) throws SchedulerException {
    this.executor = executor;
    Properties p = new Properties();
    p.setProperty("org.quartz.scheduler.instanceName",
        "parley-agent-" + INSTANCES.incrementAndGet() + "-" + ProcessHandle.current().pid());
    p.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
    p.setProperty("org.quartz.scheduler.makeSchedulerThreadDaemon", "true");
    p.setProperty("org.quartz.threadPool.threadCount", "1");
    p.setProperty("org.quartz.threadPool.makeThreadsDaemons", "true");
    p.setProperty("org.quartz.jobStore.class", "org.quartz.simpl.RAMJobStore");
    p.setProperty("org.quartz.jobStore.misfireThreshold", "1000");
    this.scheduler = new StdSchedulerFactory(p).getScheduler();
    this.scheduler.start();
  }

  /** Runs {@code task} once after {@code delayMillis}, replacing any timer with the same key. */
  public void once(String group, String key, long delayMillis, Runnable task) {
    Trigger trigger = TriggerBuilder.newTrigger()
        .startAt(new Date(System.currentTimeMillis() + Math.max(0, delayMillis)))
        .withSchedule(SimpleScheduleBuilder.simpleSchedule()
            .withMisfireHandlingInstructionFireNow())
        .build();
    schedule(job(group, key, task), trigger);
  }

  /** Runs {@code task} every {@code periodMillis}, first after one period. */
  public void every(String group, String key, long periodMillis, Runnable task) {
    Trigger trigger = TriggerBuilder.newTrigger()
        .startAt(new Date(System.currentTimeMillis() + periodMillis))
        .withSchedule(SimpleScheduleBuilder.simpleSchedule()
            .withIntervalInMilliseconds(periodMillis).repeatForever()
            .withMisfireHandlingInstructionNextWithRemainingCount())
        .build();
    schedule(job(group, key, task), trigger);
  }

  /** Drops a timer if it has not fired yet. */
  public void cancel(String group, String key) {
    try {
      scheduler.deleteJob(new JobKey(key, group));
    } catch (SchedulerException e) {
      LOG.log(System.Logger.Level.DEBUG, "cannot cancel a timer: " + e.getMessage());
    }
  }

  /** Stops firing; running hand-offs finish. */
  @Override
  public void close() {
    try {
      scheduler.shutdown(true);
    } catch (SchedulerException e) {
      LOG.log(System.Logger.Level.WARNING, "scheduler did not stop cleanly: " + e.getMessage());
    }
  }

  private JobDetail job(String group, String key, Runnable task) {
    JobDataMap data = new JobDataMap();
    data.put(TASK, task);
    data.put(EXECUTOR, executor);
    return JobBuilder.newJob(HandOff.class).withIdentity(key, group).usingJobData(data).build();
  }

  private void schedule(JobDetail job, Trigger trigger) {
    try {
      scheduler.scheduleJob(job, Set.of(trigger), true);
    } catch (SchedulerException e) {
      // Only a scheduler that is shutting down refuses; the periodic sweep covers the rest.
      LOG.log(System.Logger.Level.DEBUG, "cannot schedule a timer: " + e.getMessage());
    }
  }
}
