package io.parley.agent.internal.delivery;

import java.util.Date;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobDataMap;
import org.quartz.JobDetail;
import org.quartz.JobExecutionContext;
import org.quartz.Scheduler;
import org.quartz.SchedulerContext;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.quartz.impl.StdSchedulerFactory;

/**
 * Timers for retries and periodic sweeps, on a Quartz scheduler with the in-memory job store.
 * Memory is enough because the durable state is elsewhere: a retry's due time is stored with
 * its outbox message and the startup scan re-creates the timers. Jobs only hand their task to
 * the agent's executor, so the single Quartz thread is never busy.
 *
 * <p>A timer is named by a group and a key, and there is at most one per name: setting it
 * again replaces it whole (its time and its task), and a replaced or cancelled timer that has
 * not fired yet never runs, even if its time was up. Each instance has a scheduler of its own,
 * so an agent restarted in the same JVM starts with none of its predecessor's timers.
 * Thread-safe.
 */
public final class RetryScheduler implements AutoCloseable {
  /**
   * How late a timer may fire and still count as on time; a later one fires at once (a
   * one-shot) or at its next period (a periodic one). UNIT: milliseconds.
   */
  public static final long MISFIRE_THRESHOLD_MILLIS = 1_000;

  private static final System.Logger LOG = System.getLogger(RetryScheduler.class.getName());
  private static final String TASK = "task";
  private static final String EXECUTOR = "executor";
  private static final String OPEN = "open";
  private static final AtomicLong INSTANCES = new AtomicLong();

  private final Scheduler scheduler;
  /** Hand-offs hold its read lock; closing takes the write lock and keeps it. */
  private final ReadWriteLock open = new ReentrantReadWriteLock();
  private final AtomicBoolean closed = new AtomicBoolean();

  /** The Quartz job: hands the task it carries to its scheduler's executor, unless closed. */
  public static final class HandOff implements Job {
    @Override
    public void execute(JobExecutionContext context) {
      Runnable task = (Runnable) context.getMergedJobDataMap().get(TASK);
      try {
        SchedulerContext scheduler = context.getScheduler().getContext();
        Lock handOff = (Lock) scheduler.get(OPEN);
        if (!handOff.tryLock()) {
          return;
        }
        try {
          ((Executor) scheduler.get(EXECUTOR)).execute(task);
        } finally {
          handOff.unlock();
        }
      } catch (SchedulerException | RuntimeException e) {
        // Only an agent that is closing refuses work; its outbox keeps what the task was for.
        LOG.log(System.Logger.Level.DEBUG, "scheduled task refused: " + e.getMessage());
      }
    }
  }

  /**
   * Starts a scheduler of its own (each agent in a JVM gets a distinct one) whose timers run
   * their tasks on {@code executor}, which must run them on threads of its own: a task run on
   * the calling thread that closed this scheduler would wait for itself.
   */
  public RetryScheduler(Executor executor) throws SchedulerException {
    Properties p = new Properties();
    p.setProperty("org.quartz.scheduler.instanceName",
        "parley-agent-" + INSTANCES.incrementAndGet() + "-" + ProcessHandle.current().pid());
    p.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
    p.setProperty("org.quartz.scheduler.makeSchedulerThreadDaemon", "true");
    p.setProperty("org.quartz.threadPool.threadCount", "1");
    p.setProperty("org.quartz.threadPool.makeThreadsDaemons", "true");
    p.setProperty("org.quartz.jobStore.class", "org.quartz.simpl.RAMJobStore");
    p.setProperty("org.quartz.jobStore.misfireThreshold",
        Long.toString(MISFIRE_THRESHOLD_MILLIS));
    this.scheduler = new StdSchedulerFactory(p).getScheduler();
    // On the scheduler, not in each job: a job can only reach the executor of its own agent.
    this.scheduler.getContext().put(EXECUTOR, executor);
    this.scheduler.getContext().put(OPEN, open.readLock());
    this.scheduler.start();
  }

  /**
   * Runs {@code task} once after {@code delayMillis} (at once if not positive), replacing any
   * timer with the same group and key.
   */
  public void once(String group, String key, long delayMillis, Runnable task) {
    Trigger trigger = TriggerBuilder.newTrigger()
        .withIdentity(triggerKey(group, key))
        .startAt(new Date(System.currentTimeMillis() + Math.max(0, delayMillis)))
        .withSchedule(SimpleScheduleBuilder.simpleSchedule()
            .withMisfireHandlingInstructionFireNow())
        .build();
    schedule(job(group, key, task), trigger);
  }

  /**
   * Runs {@code task} every {@code periodMillis}, first after one period, replacing any timer
   * with the same group and key.
   */
  public void every(String group, String key, long periodMillis, Runnable task) {
    Trigger trigger = TriggerBuilder.newTrigger()
        .withIdentity(triggerKey(group, key))
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
      // One step in the store, so a timer set again meanwhile is never caught up in it.
      scheduler.unscheduleJob(triggerKey(group, key));
    } catch (SchedulerException e) {
      LOG.log(System.Logger.Level.DEBUG, "cannot cancel a timer: " + e.getMessage());
    }
  }

  /**
   * Stops firing: returns once no hand-off is running, and none starts after. Idempotent.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try {
      // Without waiting: Quartz's idle worker notices a shutdown only at its next poll, up to
      // half a second later, and it has nothing left to do that matters.
      scheduler.shutdown(false);
    } catch (SchedulerException e) {
      LOG.log(System.Logger.Level.WARNING, "scheduler did not stop cleanly: " + e.getMessage());
    }
    open.writeLock().lock();
  }

  /**
   * The trigger of a timer is named like the timer. Quartz replaces a job's details but keeps
   * its other triggers when a job is stored again, and those would run the new task at the
   * old time; a trigger stored under an existing name replaces that trigger instead.
   */
  private static TriggerKey triggerKey(String group, String key) {
    return new TriggerKey(key, group);
  }

  private static JobDetail job(String group, String key, Runnable task) {
    JobDataMap data = new JobDataMap();
    data.put(TASK, task);
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
