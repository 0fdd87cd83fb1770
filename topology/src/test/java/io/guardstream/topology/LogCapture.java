package io.guardstream.topology;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;

/**
 * Every log event of this JVM (Guardstream, the Streams client, the embedded broker) while
 * attached, at the levels the test configuration enables, rendered with its logger, message,
 * context data and whole exception chain, since an exception message is the likeliest way for a
 * token to reach a log.
 */
final class LogCapture extends AbstractAppender implements AutoCloseable {

  private final ConcurrentLinkedQueue<String> lines = new ConcurrentLinkedQueue<>();

  private LogCapture() {
    super("leak-capture", null, null, true, Property.EMPTY_ARRAY);
  }

  /** Attached to the root logger, which every other logger of the test configuration passes events on to. */
  static LogCapture attach() {
    var capture = new LogCapture();
    capture.start();
    LoggerContext context = (LoggerContext) LogManager.getContext(false);
    context.getConfiguration().addAppender(capture);
    context.getConfiguration().getRootLogger().addAppender(capture, null, null);
    context.updateLoggers();
    return capture;
  }

  @Override
  public void append(LogEvent event) {
    StringBuilder line = new StringBuilder()
        .append(event.getLevel()).append(' ').append(event.getLoggerName()).append(" - ")
        .append(event.getMessage().getFormattedMessage()).append(' ').append(event.getContextData());
    if (event.getThrown() != null) {
      StringWriter trace = new StringWriter();
      event.getThrown().printStackTrace(new PrintWriter(trace));
      line.append('\n').append(trace);
    }
    lines.add(line.toString());
  }

  List<String> lines() {
    return List.copyOf(lines);
  }

  @Override
  public void close() {
    LoggerContext context = (LoggerContext) LogManager.getContext(false);
    context.getConfiguration().getRootLogger().removeAppender(getName());
    context.updateLoggers();
    stop();
  }
}
