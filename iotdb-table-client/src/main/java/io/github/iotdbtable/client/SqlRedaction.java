package io.github.iotdbtable.client;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Masks the passwords of SQL text, and of the server's messages about it, before they go
 * into an exception message or a log line.
 *
 * <p>
 * A password is the literal of {@code CREATE USER name 'pw'}, of
 * {@code ALTER USER name SET PASSWORD 'pw'} (both dialects), the value after any other
 * {@code PASSWORD} keyword ({@code password = 'pw'}), and the value of an attribute whose
 * key names a secret (a password, secret, token, credential or access key), as a pipe's
 * {@code 'sink.password'='pw'}. Quotes may be single or double, doubled or escaped with a
 * backslash (the tree dialect's escape; the table dialect has none, so the text is read
 * both ways and what either reading finds is masked), keywords in any case, with
 * {@code --} and {@code /* *}{@code /} comments or line breaks between them; a literal
 * left open is masked to the end of the text, an unquoted password up to the next blank,
 * and a literal that holds SQL itself, as {@code EXECUTE IMMEDIATE} takes, is masked
 * inside. The text is only ever masked more than needed, never parsed as the server
 * would: a malformed statement is masked as well as a valid one.
 *
 * @since 0.1.0
 */
public final class SqlRedaction {

	/** What a password is replaced with. */
	public static final String MASK = "***";

	/**
	 * A password of the statement sent is also masked wherever it shows in the server's
	 * answer, unless shorter than this, when masking it would mangle the message; the
	 * server refuses such short passwords in any case.
	 */
	private static final int MIN_SCRUBBED_LENGTH = 4;

	/** How deep literals holding SQL are looked into. */
	private static final int MAX_DEPTH = 3;

	private SqlRedaction() {
	}

	/**
	 * The text with the passwords of the statements it holds masked.
	 * @param text SQL, or a message quoting SQL
	 * @return the text, masked where needed; the same string when nothing was
	 */
	public static String redact(String text) {
		return redact(text, 0, null);
	}

	/**
	 * The server's answer to a statement, with the statement's passwords masked wherever
	 * they show, quoted or not.
	 * @param message the server's message
	 * @param sql the statement sent, if any
	 * @return the message, masked where needed
	 */
	static String redactAnswer(String message, @Nullable String sql) {
		String redacted = redact(message);
		if (sql == null) {
			return redacted;
		}
		Set<String> secrets = new LinkedHashSet<>();
		redact(sql, 0, secrets);
		for (String secret : secrets) {
			if (secret.length() >= MIN_SCRUBBED_LENGTH) {
				redacted = redacted.replace(secret, MASK);
			}
		}
		return redacted;
	}

	/**
	 * Masks the passwords of a text.
	 * @param secrets collects the passwords masked, as written and unescaped, when not
	 * {@code null}
	 */
	private static String redact(String text, int depth, @Nullable Set<String> secrets) {
		List<Edit> edits = edits(text, depth, secrets, true);
		if (text.indexOf('\\') >= 0) {
			// in the table dialect a backslash escapes nothing: a literal that ends in
			// one
			// ends there, and what follows it is SQL that may hold a password
			for (Edit edit : edits(text, depth, secrets, false)) {
				if (edit.mask() && edit.start() < edit.end()) {
					edits.add(edit);
				}
			}
		}
		if (edits.isEmpty()) {
			return text;
		}
		edits.sort(Comparator.comparingInt(Edit::start));
		StringBuilder result = new StringBuilder(text.length());
		int copied = 0;
		Edit pending = edits.get(0);
		for (Edit edit : edits.subList(1, edits.size())) {
			if (edit.start() < pending.end() || (edit.start() == pending.end() && edit.mask() && pending.mask())) {
				// overlapping, or masks side by side, as the parts of pass-word: one mask
				pending = new Edit(pending.start(), Math.max(pending.end(), edit.end()), MASK, true);
				continue;
			}
			result.append(text, copied, pending.start()).append(pending.replacement());
			copied = pending.end();
			pending = edit;
		}
		result.append(text, copied, pending.start()).append(pending.replacement());
		return result.append(text, pending.end(), text.length()).toString();
	}

	/**
	 * The replacements that mask the passwords of a text, as one dialect reads it.
	 * @param backslashEscapes whether a backslash escapes the quote after it
	 */
	private static List<Edit> edits(String text, int depth, @Nullable Set<String> secrets, boolean backslashEscapes) {
		List<Token> tokens = tokens(text, backslashEscapes);
		boolean[] masked = new boolean[tokens.size()];
		for (int i = 0; i < tokens.size(); i++) {
			Token token = tokens.get(i);
			if (token.isWord("PASSWORD")) {
				maskAfterPasswordKeyword(tokens, i, masked);
			}
			else if (token.isWord("USER") && i > 0 && tokens.get(i - 1).isWord("CREATE")) {
				maskCreateUser(tokens, i, masked);
			}
			else if ((token.isString() || token.kind == Kind.WORD) && namesSecret(token.unescaped(text))
					&& i + 2 < tokens.size() && tokens.get(i + 1).isSymbol('=')) {
				int value = skipUnicodePrefix(tokens, i + 2);
				if (tokens.get(value).isString()) {
					masked[value] = true;
				}
			}
		}
		maskGluedWords(tokens, masked);
		List<Edit> edits = new ArrayList<>();
		for (int i = 0; i < tokens.size(); i++) {
			Token token = tokens.get(i);
			if (masked[i]) {
				if (secrets != null) {
					secrets.add(token.content(text));
					secrets.add(token.unescaped(text));
				}
				edits.add(new Edit(token.contentStart, token.contentEnd, MASK, true));
			}
			else if (token.isString() && depth < MAX_DEPTH) {
				// a literal that holds SQL: EXECUTE IMMEDIATE, or a message quoting a
				// statement
				String inner = token.unescaped(text);
				String redactedInner = redact(inner, depth + 1, secrets);
				if (!redactedInner.equals(inner)) {
					edits.add(new Edit(token.contentStart, token.contentEnd, token.escape(redactedInner), false));
				}
			}
		}
		return edits;
	}

	/** A part of a text to replace. */
	private record Edit(int start, int end, String replacement, boolean mask) {
	}

	/**
	 * Whether an attribute's key names a secret, as {@code 'sink.password'} or
	 * {@code 'sink.access-key'} do.
	 */
	private static boolean namesSecret(String key) {
		String lower = key.toLowerCase(Locale.ROOT);
		if (lower.contains("password") || lower.contains("passwd") || lower.contains("pwd") || lower.contains("secret")
				|| lower.contains("token") || lower.contains("credential")) {
			return true;
		}
		StringBuilder letters = new StringBuilder(lower.length());
		lower.codePoints().filter(Character::isLetterOrDigit).forEach(letters::appendCodePoint);
		return letters.indexOf("accesskey") >= 0;
	}

	/**
	 * {@code PASSWORD 'pw'} and {@code PASSWORD = 'pw'}; after {@code SET PASSWORD}, a
	 * bare word where the literal belongs, and every literal to the end of the statement.
	 */
	private static void maskAfterPasswordKeyword(List<Token> tokens, int keyword, boolean[] masked) {
		int value = keyword + 1;
		if (value < tokens.size() && tokens.get(value).isSymbol('=')) {
			value++;
		}
		value = skipUnicodePrefix(tokens, value);
		if (value >= tokens.size()) {
			return;
		}
		boolean set = keyword > 0 && tokens.get(keyword - 1).isWord("SET");
		Token token = tokens.get(value);
		if (token.isString() || token.kind == Kind.BACKQUOTED) {
			masked[value] = true;
		}
		else if (set) {
			maskUnquoted(tokens, value, masked);
		}
		if (set) {
			maskLiteralsToEnd(tokens, value + 1, masked);
		}
	}

	/**
	 * {@code CREATE USER name 'pw'}: a bare word where the literal belongs, and every
	 * literal after the name to the end of the statement, the name too when it is a
	 * single-quoted literal, which no name is.
	 */
	private static void maskCreateUser(List<Token> tokens, int user, boolean[] masked) {
		int name = user + 1;
		if (name >= tokens.size()) {
			return;
		}
		int value = name;
		if (tokens.get(name).isName()) {
			value = skipUnicodePrefix(tokens, name + 1);
			// a backquoted password is refused by the server, which then quotes the
			// statement
			if (value < tokens.size() && tokens.get(value).kind == Kind.BACKQUOTED) {
				masked[value] = true;
			}
			else if (value < tokens.size()) {
				maskUnquoted(tokens, value, masked);
			}
		}
		maskLiteralsToEnd(tokens, value, masked);
	}

	/**
	 * An unquoted password where a literal belongs, up to the next blank: the words and
	 * symbols glued together, as {@code pass-word99} or {@code -pw}.
	 */
	private static void maskUnquoted(List<Token> tokens, int from, boolean[] masked) {
		for (int i = from; i < tokens.size() && isUnquotedPart(tokens.get(i)); i++) {
			if (i > from && tokens.get(i).start() != tokens.get(i - 1).end()) {
				return;
			}
			masked[i] = true;
		}
	}

	/** A word, or a symbol that neither ends a statement nor separates its parts. */
	private static boolean isUnquotedPart(Token token) {
		return token.kind == Kind.WORD || (token.kind == Kind.SYMBOL && ";,()".indexOf(token.quote) < 0);
	}

	private static void maskLiteralsToEnd(List<Token> tokens, int from, boolean[] masked) {
		for (int i = from; i < tokens.size() && !tokens.get(i).isSymbol(';'); i++) {
			if (tokens.get(i).isString()) {
				masked[i] = true;
			}
		}
	}

	/**
	 * Masks the words glued to a masked literal, as {@code pw} in
	 * {@code SET PASSWORD 'se'pw'}, where a quote of the password ended the literal.
	 */
	private static void maskGluedWords(List<Token> tokens, boolean[] masked) {
		for (int pass = 0; pass < 2; pass++) {
			for (int i = 0; i < tokens.size(); i++) {
				if (masked[i] || tokens.get(i).kind != Kind.WORD) {
					continue;
				}
				Token word = tokens.get(i);
				boolean afterMasked = i > 0 && masked[i - 1] && tokens.get(i - 1).end() == word.contentStart;
				boolean beforeMasked = i + 1 < tokens.size() && masked[i + 1]
						&& tokens.get(i + 1).start() == word.contentEnd;
				masked[i] = afterMasked || beforeMasked;
			}
		}
	}

	/** Past the {@code U&} of a Unicode literal of the table dialect. */
	private static int skipUnicodePrefix(List<Token> tokens, int at) {
		if (at + 2 < tokens.size() && tokens.get(at).isWord("U") && tokens.get(at + 1).isSymbol('&')
				&& tokens.get(at + 2).isString()) {
			return at + 2;
		}
		return at;
	}

	/**
	 * The tokens of a text, comments and blanks left out. {@code //} is no comment in
	 * either dialect: taken for one, it would hide what follows it on its line.
	 * @param backslashEscapes whether backslashes escape in quoted literals, as the tree
	 * dialect has them
	 */
	private static List<Token> tokens(String text, boolean backslashEscapes) {
		List<Token> tokens = new ArrayList<>();
		int length = text.length();
		int i = 0;
		while (i < length) {
			char c = text.charAt(i);
			if (Character.isWhitespace(c)) {
				i++;
			}
			else if (c == '-' && text.startsWith("--", i)) {
				int end = text.indexOf('\n', i);
				i = (end < 0) ? length : end + 1;
			}
			else if (c == '/' && text.startsWith("/*", i)) {
				int end = text.indexOf("*/", i + 2);
				i = (end < 0) ? length : end + 2;
			}
			else if (c == '\'' || c == '"' || c == '`') {
				int end = i + 1;
				boolean closed = false;
				while (end < length) {
					char d = text.charAt(end);
					if (d == '\\' && c != '`' && backslashEscapes) {
						end += 2;
					}
					else if (d == c) {
						if (end + 1 < length && text.charAt(end + 1) == c) {
							end += 2;
						}
						else {
							closed = true;
							break;
						}
					}
					else {
						end++;
					}
				}
				int contentEnd = Math.min(end, length);
				Kind kind = (c == '`') ? Kind.BACKQUOTED : Kind.STRING;
				tokens.add(new Token(kind, c, i + 1, contentEnd, backslashEscapes));
				i = closed ? end + 1 : length;
			}
			else if (Character.isLetterOrDigit(c) || c == '_') {
				int end = i + 1;
				while (end < length && (Character.isLetterOrDigit(text.charAt(end)) || text.charAt(end) == '_')) {
					end++;
				}
				tokens.add(new Token(Kind.WORD, c, i, end, backslashEscapes).withText(text));
				i = end;
			}
			else {
				tokens.add(new Token(Kind.SYMBOL, c, i, i + 1, backslashEscapes));
				i++;
			}
		}
		return tokens;
	}

	private enum Kind {

		WORD, STRING, BACKQUOTED, SYMBOL

	}

	private static final class Token {

		final Kind kind;

		/** The quote of a literal, the character of a symbol. */
		final char quote;

		final int contentStart;

		final int contentEnd;

		/** Whether a backslash escapes the quote after it. */
		final boolean backslashEscapes;

		@Nullable String word;

		Token(Kind kind, char quote, int contentStart, int contentEnd, boolean backslashEscapes) {
			this.kind = kind;
			this.quote = quote;
			this.contentStart = contentStart;
			this.contentEnd = contentEnd;
			this.backslashEscapes = backslashEscapes;
		}

		Token withText(String text) {
			this.word = text.substring(this.contentStart, this.contentEnd);
			return this;
		}

		boolean isWord(String keyword) {
			return this.kind == Kind.WORD && keyword.equalsIgnoreCase(this.word);
		}

		boolean isSymbol(char symbol) {
			return this.kind == Kind.SYMBOL && this.quote == symbol;
		}

		/**
		 * A single- or double-quoted literal: double quotes make strings in the tree
		 * dialect.
		 */
		boolean isString() {
			return this.kind == Kind.STRING;
		}

		/** What may name a user: a word or a quoted identifier. */
		boolean isName() {
			return this.kind == Kind.WORD || this.kind == Kind.BACKQUOTED
					|| (this.kind == Kind.STRING && this.quote == '"');
		}

		int start() {
			return (this.kind == Kind.WORD || this.kind == Kind.SYMBOL) ? this.contentStart : this.contentStart - 1;
		}

		/**
		 * Past the closing quote; the closing quote of a literal left open is past the
		 * text.
		 */
		int end() {
			return (this.kind == Kind.WORD || this.kind == Kind.SYMBOL) ? this.contentEnd : this.contentEnd + 1;
		}

		String content(String text) {
			return text.substring(this.contentStart, this.contentEnd);
		}

		String unescaped(String text) {
			String content = content(text);
			if (this.kind != Kind.STRING) {
				return content;
			}
			String doubled = String.valueOf(this.quote) + this.quote;
			String unquoted = content.replace(doubled, String.valueOf(this.quote));
			return this.backslashEscapes ? unquoted.replace("\\" + this.quote, String.valueOf(this.quote)) : unquoted;
		}

		String escape(String content) {
			return content.replace(String.valueOf(this.quote), String.valueOf(this.quote) + this.quote);
		}

	}

}
