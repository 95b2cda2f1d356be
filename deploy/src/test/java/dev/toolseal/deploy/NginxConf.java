package dev.toolseal.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A structural parser for nginx configuration: directives ({@code name args... ;}) and blocks
 * ({@code name args... { ... }}), quoted strings, {@code #} comments. It checks the syntax, not
 * what nginx would accept for each directive; {@link NginxCheck} checks the directives it cares
 * about. No nginx binary is needed.
 */
final class NginxConf {

    /** One directive; {@code block} is present for block directives such as {@code http}. */
    record Directive(String name, List<String> args, Optional<List<Directive>> block, int line) {

        /** The directives of this block named {@code name}. */
        List<Directive> children(String childName) {
            return block.orElse(List.of()).stream().filter(d -> d.name.equals(childName)).toList();
        }
    }

    /** A syntax error at a line. */
    static final class SyntaxException extends Exception {
        private static final long serialVersionUID = 1L;
        private final int line;

        SyntaxException(int line, String message) {
            super("line " + line + ": " + message);
            this.line = line;
        }

        int line() {
            return line;
        }
    }

    private static final int MAX_CHARS = 1 << 20;

    private final String text;
    private int pos;
    private int line = 1;

    private NginxConf(String text) {
        this.text = text;
    }

    /** The top-level directives of {@code text}. */
    static List<Directive> parse(String text) throws SyntaxException {
        if (text.length() > MAX_CHARS) {
            throw new SyntaxException(1, "larger than " + MAX_CHARS + " characters");
        }
        return new NginxConf(text).block(false);
    }

    /** Every directive named {@code name} at any depth below {@code directives}. */
    static List<Directive> find(List<Directive> directives, String name) {
        List<Directive> found = new ArrayList<>();
        for (Directive d : directives) {
            if (d.name.equals(name)) {
                found.add(d);
            }
            d.block.ifPresent(inner -> found.addAll(find(inner, name)));
        }
        return found;
    }

    /** A token; punctuation only counts when it was not quoted. */
    private record Token(String text, boolean quoted) {
        boolean is(String punctuation) {
            return !quoted && text.equals(punctuation);
        }
    }

    private List<Directive> block(boolean nested) throws SyntaxException {
        List<Directive> directives = new ArrayList<>();
        while (true) {
            Token token = next();
            if (token == null) {
                if (nested) {
                    throw new SyntaxException(line, "missing '}'");
                }
                return directives;
            }
            if (token.is("}")) {
                if (!nested) {
                    throw new SyntaxException(line, "unexpected '}'");
                }
                return directives;
            }
            if (token.is("{") || token.is(";") || token.quoted()) {
                throw new SyntaxException(line, "unexpected '" + token.text() + "'");
            }
            directives.add(directive(token.text()));
        }
    }

    private Directive directive(String name) throws SyntaxException {
        int start = line;
        List<String> args = new ArrayList<>();
        while (true) {
            Token token = next();
            if (token == null || token.is("}")) {
                throw new SyntaxException(line, "directive " + name + " is not terminated by ';'");
            }
            if (token.is(";")) {
                return new Directive(name, List.copyOf(args), Optional.empty(), start);
            }
            if (token.is("{")) {
                return new Directive(name, List.copyOf(args), Optional.of(List.copyOf(block(true))), start);
            }
            args.add(token.text());
        }
    }

    /** The next token ("{", "}", ";", a word or a quoted string's content), or null at the end. */
    private Token next() throws SyntaxException {
        skipSpaceAndComments();
        if (pos >= text.length()) {
            return null;
        }
        char c = text.charAt(pos);
        if (c == '{' || c == '}' || c == ';') {
            pos++;
            return new Token(String.valueOf(c), false);
        }
        if (c == '"' || c == '\'') {
            return new Token(quoted(c), true);
        }
        int start = pos;
        while (pos < text.length() && !Character.isWhitespace(text.charAt(pos))
                && "{};\"'#".indexOf(text.charAt(pos)) < 0) {
            pos++;
        }
        return new Token(text.substring(start, pos), false);
    }

    private String quoted(char quote) throws SyntaxException {
        int start = line;
        StringBuilder value = new StringBuilder();
        pos++;
        while (pos < text.length() && text.charAt(pos) != quote) {
            char c = text.charAt(pos++);
            if (c == '\\' && pos < text.length()) {
                c = text.charAt(pos++);
            }
            if (c == '\n') {
                line++;
            }
            value.append(c);
        }
        if (pos >= text.length()) {
            throw new SyntaxException(start, "unterminated string");
        }
        pos++;
        return value.toString();
    }

    private void skipSpaceAndComments() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '\n') {
                line++;
                pos++;
            } else if (Character.isWhitespace(c)) {
                pos++;
            } else if (c == '#') {
                while (pos < text.length() && text.charAt(pos) != '\n') {
                    pos++;
                }
            } else {
                return;
            }
        }
    }
}
