/**
 * The JSON the service sends and receives, as records: request bodies, answers, the story document and
 * the event payloads. Depends on nothing else in FableForge, so every feature package may use it.
 * Field names are snake_case on the wire ({@code @JsonNaming}); a field that may be absent says so
 * with {@code @JsonInclude(NON_NULL)}, one that may be null is written as null.
 */
package fableforge.wire;
