package fableforge.provider.openai;

/**
 * How a structured answer is asked for, best first. OpenAI takes all three; OpenAI-compatible servers
 * vary (older Ollama and llama.cpp builds reject or ignore {@code json_schema}; LM Studio rejects
 * {@code json_object} with "'response_format.type' must be 'json_schema' or 'text'").
 */
public enum OutputFormat {
    /** {@code response_format: {type: json_schema, json_schema: {name, strict: true, schema}}}. */
    JSON_SCHEMA,
    /** {@code response_format: {type: json_object}}: valid JSON, shape only as the prompt describes it. */
    JSON_OBJECT,
    /** No {@code response_format}: the answer may wrap the JSON in prose or code fences. */
    PLAIN;

    OutputFormat weaker() {
        return this == JSON_SCHEMA ? JSON_OBJECT : PLAIN;
    }
}
