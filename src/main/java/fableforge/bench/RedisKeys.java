package fableforge.bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The few Redis commands the benchmark itself needs, spoken in RESP over a socket: PING before the
 * nodes start (a clear message instead of a node failing half-way), and deleting the run's keys by
 * prefix afterwards. The nodes use their own client; this one avoids a dependency for two commands.
 */
final class RedisKeys implements AutoCloseable {

    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;

    private RedisKeys(Socket socket) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
        this.in = new BufferedInputStream(socket.getInputStream());
    }

    /** Connects to {@code redis://[user:password@]host:port[/db]}, authenticates, selects the database and pings. */
    static RedisKeys connect(String redisUrl) throws IOException {
        URI uri = URI.create(redisUrl);
        if (!"redis".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("a Redis URL is redis://host:port, not " + redisUrl);
        }
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort() > 0 ? uri.getPort() : 6379), 5_000);
            socket.setSoTimeout(10_000);
            RedisKeys redis = new RedisKeys(socket);
            if (uri.getRawUserInfo() != null) {
                String[] user = URLDecoder.decode(uri.getRawUserInfo(), StandardCharsets.UTF_8).split(":", 2);
                redis.command(user.length == 2 && !user[0].isEmpty() ? List.of("AUTH", user[0], user[1])
                        : List.of("AUTH", user[user.length - 1]));
            }
            String path = uri.getPath() == null ? "" : uri.getPath().replace("/", "");
            if (!path.isEmpty()) {
                redis.command(List.of("SELECT", path));
            }
            redis.command(List.of("PING"));
            return redis;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /** Deletes every key that starts with {@code prefix}; how many were deleted. */
    long deleteByPrefix(String prefix) throws IOException {
        long deleted = 0;
        String cursor = "0";
        do {
            List<?> page = (List<?>) command(List.of("SCAN", cursor, "MATCH", glob(prefix) + "*", "COUNT", "500"));
            cursor = (String) page.get(0);
            List<?> keys = (List<?>) page.get(1);
            if (!keys.isEmpty()) {
                List<String> del = new ArrayList<>();
                del.add("DEL");
                keys.forEach(key -> del.add((String) key));
                deleted += (Long) command(del);
            }
        } while (!cursor.equals("0"));
        return deleted;
    }

    private Object command(List<String> words) throws IOException {
        StringBuilder request = new StringBuilder("*").append(words.size()).append("\r\n");
        for (String word : words) {
            request.append('$').append(word.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(word).append("\r\n");
        }
        out.write(request.toString().getBytes(StandardCharsets.UTF_8));
        out.flush();
        return reply();
    }

    private Object reply() throws IOException {
        String line = HttpLines.read(in, StandardCharsets.UTF_8);
        if (line == null || line.isEmpty()) {
            throw new IOException("Redis closed the connection");
        }
        String rest = line.substring(1);
        return switch (line.charAt(0)) {
            case '+' -> rest;
            case '-' -> throw new IOException("Redis answered: " + rest);
            case ':' -> Long.parseLong(rest);
            case '$' -> bulk(Integer.parseInt(rest));
            case '*' -> {
                int size = Integer.parseInt(rest);
                List<Object> items = new ArrayList<>();
                for (int i = 0; i < size; i++) {
                    items.add(reply());
                }
                yield items;
            }
            default -> throw new IOException("not a Redis reply: " + line);
        };
    }

    private String bulk(int length) throws IOException {
        if (length < 0) {
            return null;
        }
        byte[] bytes = in.readNBytes(length);
        HttpLines.read(in, StandardCharsets.UTF_8);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** The prefix as a literal in a SCAN pattern. */
    private static String glob(String prefix) {
        return prefix.replaceAll("([*?\\[\\]\\\\])", "\\\\$1");
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
