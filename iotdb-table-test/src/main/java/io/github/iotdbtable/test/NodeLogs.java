package io.github.iotdbtable.test;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads the end of a log file for error messages.
 */
final class NodeLogs {

	private NodeLogs() {
	}

	static String tail(Path file, int lines) {
		if (!Files.isRegularFile(file)) {
			return "(no log at " + file + ")";
		}
		try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
			long length = in.length();
			int size = (int) Math.min(length, 64 * 1024);
			byte[] bytes = new byte[size];
			in.seek(length - size);
			in.readFully(bytes);
			List<String> all = new String(bytes, StandardCharsets.UTF_8).lines()
				.map((line) -> (line.length() > 300) ? line.substring(0, 300) + "..." : line)
				.toList();
			return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
		}
		catch (IOException ex) {
			return "(cannot read " + file + ": " + ex.getMessage() + ")";
		}
	}

}
