package dev.toolseal.registry.badge;

/**
 * A flat shields-style SVG badge: a grey label on the left, a coloured message on the right.
 * Text widths are estimated (7 px per character plus padding); all text is XML-escaped.
 *
 * @param label the left text
 * @param message the right text
 * @param color the message background, a CSS hex colour such as {@code #4c1}
 */
public record Badge(String label, String message, String color) {

    private static final int CHAR_WIDTH = 7;
    private static final int PADDING = 10;
    private static final int MAX_CHARS = 80;

    public Badge {
        if (label == null || message == null || color == null || !color.matches("#[0-9a-f]{3,6}")) {
            throw new IllegalArgumentException("a badge needs a label, a message and a hex colour");
        }
        label = shorten(label);
        message = shorten(message);
    }

    /** The SVG document. */
    public String svg() {
        int left = width(label);
        int right = width(message);
        int total = left + right;
        String l = escape(label);
        String m = escape(message);
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + total + "\" height=\"20\" role=\"img\" aria-label=\""
                + l + ": " + m + "\"><title>" + l + ": " + m + "</title>"
                + "<linearGradient id=\"s\" x2=\"0\" y2=\"100%\"><stop offset=\"0\" stop-color=\"#bbb\" stop-opacity=\".1\"/>"
                + "<stop offset=\"1\" stop-opacity=\".1\"/></linearGradient>"
                + "<clipPath id=\"r\"><rect width=\"" + total + "\" height=\"20\" rx=\"3\" fill=\"#fff\"/></clipPath>"
                + "<g clip-path=\"url(#r)\"><rect width=\"" + left + "\" height=\"20\" fill=\"#555\"/>"
                + "<rect x=\"" + left + "\" width=\"" + right + "\" height=\"20\" fill=\"" + color + "\"/>"
                + "<rect width=\"" + total + "\" height=\"20\" fill=\"url(#s)\"/></g>"
                + "<g fill=\"#fff\" text-anchor=\"middle\" font-family=\"Verdana,Geneva,DejaVu Sans,sans-serif\" font-size=\"11\">"
                + "<text x=\"" + (left / 2) + "\" y=\"14\">" + l + "</text>"
                + "<text x=\"" + (left + right / 2) + "\" y=\"14\">" + m + "</text></g></svg>";
    }

    private static int width(String text) {
        return text.codePointCount(0, text.length()) * CHAR_WIDTH + 2 * PADDING;
    }

    private static String shorten(String text) {
        String clean = text.codePoints().filter(c -> !Character.isISOControl(c))
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return clean.codePointCount(0, clean.length()) <= MAX_CHARS ? clean
                : clean.substring(0, clean.offsetByCodePoints(0, MAX_CHARS - 1)) + "\u2026";
    }

    /** XML-escapes text for element content and attribute values. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
