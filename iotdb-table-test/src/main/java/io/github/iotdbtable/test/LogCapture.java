package io.github.iotdbtable.test;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.AppenderBase;

/**
 * A logback appender that keeps the text of every event of the JVM's test run, stack
 * traces included, so that a test can search everything that was logged, for example for
 * a secret that must never show.
 *
 * <pre>{@code
 * <appender name="CAPTURE" class="io.github.iotdbtable.test.LogCapture"/>
 * <root level="INFO"><appender-ref ref="CAPTURE"/></root>
 * }</pre>
 *
 * <p>
 * The events are kept in one place for the whole JVM, so that they survive a
 * reconfiguration of logback, as Spring Boot does when a test context starts.
 *
 * @since 0.1.0
 */
public final class LogCapture extends AppenderBase<ILoggingEvent> {

	private static final Queue<String> events = new ConcurrentLinkedQueue<>();

	/**
	 * Whether any appender of this kind was started: without one, an empty capture would
	 * prove nothing.
	 */
	private static volatile boolean installed;

	@Override
	public void start() {
		installed = true;
		super.start();
	}

	@Override
	protected void append(ILoggingEvent event) {
		StringBuilder text = new StringBuilder(event.getLevel().toString()).append(' ')
			.append(event.getLoggerName())
			.append(" [")
			.append(event.getThreadName())
			.append("] ")
			.append(event.getFormattedMessage());
		IThrowableProxy thrown = event.getThrowableProxy();
		if (thrown != null) {
			text.append('\n').append(ThrowableProxyUtil.asString(thrown));
		}
		events.add(text.toString());
	}

	/**
	 * Every event captured so far, oldest first.
	 * @return the text of each event: level, logger, thread, message and stack trace
	 */
	public static List<String> events() {
		return List.copyOf(events);
	}

	/**
	 * The captured events whose text contains a string.
	 * @param text the string
	 * @return the events, oldest first
	 */
	public static List<String> eventsContaining(String text) {
		return events.stream().filter((event) -> event.contains(text)).toList();
	}

	/**
	 * Fails unless events were captured and none of them contains any of the secrets.
	 * @param secrets the strings that must never be logged
	 * @throws AssertionError naming the first secret found, with the events holding it,
	 * or saying that nothing was captured
	 */
	public static void assertNoEventContains(String... secrets) {
		if (!installed || events.isEmpty()) {
			throw new AssertionError("no log event was captured: is LogCapture an appender in logback-test.xml?");
		}
		for (int i = 0; i < secrets.length; i++) {
			List<String> found = eventsContaining(secrets[i]);
			if (!found.isEmpty()) {
				// the events are shown with the secret masked, so that the failure report
				// does not spread it
				throw new AssertionError("secret " + (i + 1) + " was logged in " + found.size() + " events, e.g.:\n"
						+ found.get(0).replace(secrets[i], "******"));
			}
		}
	}

	/** Whether logback started an appender of this kind in this JVM. */
	public static boolean isInstalled() {
		return installed;
	}

}
