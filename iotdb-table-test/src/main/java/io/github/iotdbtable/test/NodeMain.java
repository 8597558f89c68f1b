package io.github.iotdbtable.test;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Optional;

/**
 * Entry point of a node JVM: starts a watchdog that ends the node when the JVM that
 * launched it is gone (even when that JVM was killed and ran no shutdown hook), then runs
 * the node's own main class.
 *
 * <p>
 * Arguments: the main class, then its arguments. The parent's pid comes from the system
 * property {@value #PARENT_PID_PROPERTY}.
 */
public final class NodeMain {

	static final String PARENT_PID_PROPERTY = "iotdb.test.parent-pid";

	private NodeMain() {
	}

	public static void main(String[] args) throws Exception {
		if (args.length == 0) {
			throw new IllegalArgumentException("usage: NodeMain <main class> [arguments...]");
		}
		String parentPid = System.getProperty(PARENT_PID_PROPERTY);
		if (parentPid != null) {
			watchParent(Long.parseLong(parentPid));
		}
		Method main = Class.forName(args[0]).getMethod("main", String[].class);
		main.invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
	}

	private static void watchParent(long pid) {
		Optional<ProcessHandle> parent = ProcessHandle.of(pid);
		if (parent.isEmpty()) {
			System.err.println("Parent process " + pid + " is gone; not starting");
			System.exit(1);
		}
		Thread watchdog = new Thread(() -> {
			parent.get().onExit().join();
			System.err.println("Parent process " + pid + " ended; stopping this node");
			System.exit(0);
		}, "parent-watchdog");
		watchdog.setDaemon(true);
		watchdog.start();
	}

}
