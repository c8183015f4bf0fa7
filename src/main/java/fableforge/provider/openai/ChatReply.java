package fableforge.provider.openai;

/**
 * What the model answered.
 *
 * @param content the assistant message's text (JSON when the server followed the format)
 * @param cut     the answer stopped at the token limit ({@code finish_reason: "length"}): it is incomplete
 * @param format  how the answer was asked for; below {@link OutputFormat#JSON_SCHEMA} the text may need tolerant parsing
 */
public record ChatReply(String content, boolean cut, OutputFormat format) {
}
