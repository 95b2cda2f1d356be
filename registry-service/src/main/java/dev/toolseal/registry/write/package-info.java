/**
 * The write API (v1): every write is one DSSE envelope with an in-toto statement
 * (docs/design/attestations.md), authenticated by its signatures alone, and every accepted write
 * is appended to the transparency log as a {@code LogLeaf} with the full envelope stored beside it.
 * {@code POST /v1/keys/bind|rotate|revoke}, {@code /v1/releases}, {@code /v1/reviews},
 * {@code /v1/yanks}; 201 with a {@link dev.toolseal.registry.write.Receipt}, problems otherwise.
 * Examples: {@code WriteApiTest}, {@code BadInputTest}.
 */
package dev.toolseal.registry.write;
