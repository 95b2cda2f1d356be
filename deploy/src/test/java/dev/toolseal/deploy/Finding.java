package dev.toolseal.deploy;

/** One problem in one deploy file; {@code detail} is for people, tests assert on {@code rule}. */
record Finding(String file, Rule rule, String detail) {

    @Override
    public String toString() {
        return file + ": " + rule + ": " + detail;
    }
}
