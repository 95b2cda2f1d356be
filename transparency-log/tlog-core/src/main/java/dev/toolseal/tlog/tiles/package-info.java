/**
 * C2SP tlog-tiles: the tree stored and served as tiles of 256 hashes (8 tree levels each) and
 * entry bundles.
 *
 * <p>Wire format: {@code tile/<L>/<N>[.p/<W>]} is the concatenation of W (256 when full) 32-byte
 * hashes of tree level 8L; N is written in 3-digit groups, all but the last prefixed with
 * {@code x} ({@code x001/x234/067}). {@code tile/entries/<N>[.p/<W>]} holds the matching level 0
 * entries, each a big-endian uint16 length and that many bytes. Parsers are strict and throw
 * {@link dev.toolseal.tlog.tiles.TileFormatException}.
 *
 * <p>{@link dev.toolseal.tlog.tiles.TileIntegrator} appends a batch of leaves and yields the
 * new and widened tiles plus the new root; {@link dev.toolseal.tlog.tiles.TileHashReader} serves
 * node hashes (hence proofs) from tiles. Example: {@code TileIntegratorTest}.
 */
package dev.toolseal.tlog.tiles;
