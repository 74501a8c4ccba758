package dev.parley.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * JSON codec of protocol v1. A frame is a JSON object whose {@code type} names the record; the other
 * properties are the record's components. Unknown properties are ignored (forward compatibility);
 * missing required fields, wrong JSON types and out-of-range values are {@link ErrorCode#INVALID_FRAME}.
 * Thread-safe.
 */
public final class FrameCodec {

    private static final Map<String, Class<? extends ClientFrame>> CLIENT_TYPES = Map.ofEntries(
            Map.entry("auth", ClientFrame.Auth.class),
            Map.entry("ping", ClientFrame.Ping.class),
            Map.entry("openDirect", ClientFrame.OpenDirect.class),
            Map.entry("send", ClientFrame.Send.class),
            Map.entry("ack", ClientFrame.Ack.class),
            Map.entry("read", ClientFrame.Read.class),
            Map.entry("getChats", ClientFrame.GetChats.class),
            Map.entry("getHistory", ClientFrame.GetHistory.class),
            Map.entry("setSettings", ClientFrame.SetSettings.class),
            Map.entry("createGroup", ClientFrame.CreateGroup.class),
            Map.entry("addMembers", ClientFrame.AddMembers.class),
            Map.entry("removeMember", ClientFrame.RemoveMember.class),
            Map.entry("leaveGroup", ClientFrame.LeaveGroup.class),
            Map.entry("setRole", ClientFrame.SetRole.class),
            Map.entry("transferOwnership", ClientFrame.TransferOwnership.class),
            Map.entry("editGroup", ClientFrame.EditGroup.class),
            Map.entry("setGroupSettings", ClientFrame.SetGroupSettings.class),
            Map.entry("setTimer", ClientFrame.SetTimer.class),
            Map.entry("createInvite", ClientFrame.CreateInvite.class),
            Map.entry("revokeInvite", ClientFrame.RevokeInvite.class),
            Map.entry("getInvites", ClientFrame.GetInvites.class),
            Map.entry("joinByInvite", ClientFrame.JoinByInvite.class),
            Map.entry("getJoinRequests", ClientFrame.GetJoinRequests.class),
            Map.entry("answerJoinRequest", ClientFrame.AnswerJoinRequest.class),
            Map.entry("getMessageInfo", ClientFrame.GetMessageInfo.class),
            Map.entry("typing", ClientFrame.Typing.class),
            Map.entry("watchPresence", ClientFrame.WatchPresence.class),
            Map.entry("addContact", ClientFrame.AddContact.class),
            Map.entry("removeContact", ClientFrame.RemoveContact.class),
            Map.entry("getContacts", ClientFrame.GetContacts.class),
            Map.entry("lookupPhones", ClientFrame.LookupPhones.class),
            Map.entry("block", ClientFrame.Block.class),
            Map.entry("unblock", ClientFrame.Unblock.class),
            Map.entry("getBlocked", ClientFrame.GetBlocked.class));

    private static final Map<String, Class<? extends ServerFrame>> SERVER_TYPES = Map.ofEntries(
            Map.entry("ready", ServerFrame.Ready.class),
            Map.entry("pong", ServerFrame.Pong.class),
            Map.entry("chat", ServerFrame.ChatResult.class),
            Map.entry("accepted", ServerFrame.Accepted.class),
            Map.entry("update", ServerFrame.Update.class),
            Map.entry("synced", ServerFrame.Synced.class),
            Map.entry("chats", ServerFrame.Chats.class),
            Map.entry("history", ServerFrame.History.class),
            Map.entry("ok", ServerFrame.Ok.class),
            Map.entry("error", ServerFrame.Error.class),
            Map.entry("changed", ServerFrame.Changed.class),
            Map.entry("invite", ServerFrame.InviteResult.class),
            Map.entry("invites", ServerFrame.Invites.class),
            Map.entry("joinPending", ServerFrame.JoinPending.class),
            Map.entry("joinRequests", ServerFrame.JoinRequests.class),
            Map.entry("messageInfo", ServerFrame.MessageInfo.class),
            Map.entry("presence", ServerFrame.PresenceFrame.class),
            Map.entry("presences", ServerFrame.Presences.class),
            Map.entry("typing", ServerFrame.TypingFrame.class),
            Map.entry("contacts", ServerFrame.Contacts.class),
            Map.entry("phoneMatches", ServerFrame.PhoneMatches.class),
            Map.entry("blocked", ServerFrame.Blocked.class));

    private static final Map<Class<?>, String> NAMES = names();
    private static final Map<Class<?>, byte[]> TYPE_PREFIXES = typePrefixes();
    private static final byte[] UPDATE_HEAD = "{\"type\":\"update\",\"cursor\":".getBytes(StandardCharsets.UTF_8);
    private static final byte[] EVENT_KEY = ",\"event\":".getBytes(StandardCharsets.UTF_8);

    private final ObjectMapper mapper;
    private final ObjectWriter eventWriter;

    public FrameCodec() {
        this.mapper = JsonMapper.builder()
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .serializationInclusion(JsonInclude.Include.NON_NULL)
                .build();
        for (LogicalType t : new LogicalType[] {LogicalType.Integer, LogicalType.Float, LogicalType.Boolean,
                LogicalType.Textual}) {
            for (CoercionInputShape shape : new CoercionInputShape[] {CoercionInputShape.String,
                    CoercionInputShape.Integer, CoercionInputShape.Float, CoercionInputShape.Boolean}) {
                mapper.coercionConfigFor(t).setCoercion(shape, CoercionAction.Fail);
            }
        }
        mapper.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.String, CoercionAction.TryConvert);
        mapper.coercionConfigFor(LogicalType.Integer).setCoercion(CoercionInputShape.Integer, CoercionAction.TryConvert);
        mapper.coercionConfigFor(LogicalType.Boolean).setCoercion(CoercionInputShape.Boolean, CoercionAction.TryConvert);
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(32).build());
        this.eventWriter = mapper.writerFor(Views.Event.class);
    }

    public ObjectMapper mapper() {
        return mapper;
    }

    public ClientFrame decodeClient(String json) throws ProtocolException {
        return decode(json, CLIENT_TYPES);
    }

    public ServerFrame decodeServer(String json) throws ProtocolException {
        return decode(json, SERVER_TYPES);
    }

    /** Encodes any client or server frame as a JSON object with {@code type} first. */
    public String encode(Object frame) {
        return new String(encodeBytes(frame), StandardCharsets.UTF_8);
    }

    /**
     * The UTF-8 JSON of any client or server frame, {@code type} first, in one pass: the record is serialized
     * as it is ({@code {"a":1,…}}) and {@code {"type":"name",} is spliced in front of its first property —
     * no intermediate tree (what a frame costs per recipient is this method).
     */
    public byte[] encodeBytes(Object frame) {
        byte[] prefix = TYPE_PREFIXES.get(frame.getClass());
        if (prefix == null) {
            throw new IllegalArgumentException("not a protocol frame: " + frame.getClass().getName());
        }
        byte[] body;
        try {
            body = mapper.writeValueAsBytes(frame);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode " + NAMES.get(frame.getClass()), e);
        }
        return splice(prefix, body);
    }

    /**
     * The JSON of an update-stream event as it appears in {@code update.event}. Encode it once per event and
     * build each recipient's frame with {@link #encodeUpdate(long, byte[])}.
     */
    public byte[] encodeEvent(Views.Event event) {
        try {
            return eventWriter.writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode event " + event.getClass().getSimpleName(), e);
        }
    }

    /**
     * {@code {"type":"update","cursor":N,"event":…}} around an event encoded by {@link #encodeEvent}: the same
     * bytes as {@code encodeBytes(new ServerFrame.Update(cursor, event))}.
     */
    public static byte[] encodeUpdate(long cursor, byte[] encodedEvent) {
        byte[] digits = Long.toString(cursor).getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[UPDATE_HEAD.length + digits.length + EVENT_KEY.length + encodedEvent.length + 1];
        int at = copy(UPDATE_HEAD, out, 0);
        at = copy(digits, out, at);
        at = copy(EVENT_KEY, out, at);
        at = copy(encodedEvent, out, at);
        out[at] = '}';
        return out;
    }

    /** {@code prefix} = {@code {"type":"x"}; body = {@code {…}} as Jackson wrote it (possibly {@code {}}). */
    private static byte[] splice(byte[] prefix, byte[] body) {
        boolean empty = body.length == 2;
        byte[] out = new byte[prefix.length + (empty ? 1 : body.length)];
        int at = copy(prefix, out, 0);
        if (empty) {
            out[at] = '}';
            return out;
        }
        out[at++] = ',';
        System.arraycopy(body, 1, out, at, body.length - 1);
        return out;
    }

    private static int copy(byte[] from, byte[] to, int at) {
        System.arraycopy(from, 0, to, at, from.length);
        return at + from.length;
    }

    private static Map<Class<?>, byte[]> typePrefixes() {
        var m = new java.util.HashMap<Class<?>, byte[]>();
        NAMES.forEach((type, name) -> m.put(type, ("{\"type\":\"" + name + "\"").getBytes(StandardCharsets.UTF_8)));
        return Map.copyOf(m);
    }

    private <T> T decode(String json, Map<String, Class<? extends T>> types) throws ProtocolException {
        JsonNode node = parse(json);
        String id = requestId(node);
        JsonNode typeNode = node.get("type");
        if (typeNode == null || !typeNode.isTextual()) {
            throw new ProtocolException(ErrorCode.UNKNOWN_TYPE, id, "field 'type' must be a string naming the frame");
        }
        Class<? extends T> type = types.get(typeNode.asText());
        if (type == null) {
            throw new ProtocolException(ErrorCode.UNKNOWN_TYPE, id,
                    "unknown frame type '" + typeNode.asText() + "', expected one of " + types.keySet());
        }
        try {
            return mapper.treeToValue(node, type);
        } catch (JsonProcessingException e) {
            throw new ProtocolException(ErrorCode.INVALID_FRAME, id, describe(typeNode.asText(), e));
        } catch (IllegalArgumentException e) {
            throw new ProtocolException(ErrorCode.INVALID_FRAME, id, typeNode.asText() + ": " + e.getMessage());
        }
    }

    private JsonNode parse(String json) throws ProtocolException {
        JsonNode node;
        try {
            node = mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new ProtocolException(ErrorCode.MALFORMED_JSON, null,
                    "frame is not valid JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw new ProtocolException(ErrorCode.MALFORMED_JSON, null, "frame must be a JSON object");
        }
        return node;
    }

    private static String requestId(JsonNode node) throws ProtocolException {
        JsonNode id = node.get("id");
        if (id == null || id.isNull()) {
            return null;
        }
        if (!id.isTextual() || id.asText().length() > 64) {
            throw new ProtocolException(ErrorCode.INVALID_FRAME, null, "field 'id' must be a string of at most 64 characters");
        }
        return id.asText();
    }

    private static String describe(String type, JsonProcessingException e) {
        if (e instanceof ValueInstantiationException vie && vie.getCause() != null) {
            return type + ": " + vie.getCause().getMessage();
        }
        if (e instanceof MismatchedInputException mie) {
            String field = mie.getPath().stream()
                    .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .collect(Collectors.joining("."));
            if (mie.getMessage() != null && mie.getMessage().startsWith("Missing required creator property")) {
                String missing = mie.getMessage().replaceFirst("(?s).*property '([^']*)'.*", "$1");
                return type + ": field '" + missing + "' is required";
            }
            String expected = mie.getTargetType() == null ? "another type" : simpleType(mie.getTargetType());
            String got = e instanceof InvalidFormatException ife ? " got " + ife.getValue() : "";
            return type + ": field '" + field + "' must be " + expected + got;
        }
        return type + ": " + e.getOriginalMessage();
    }

    private static String simpleType(Class<?> c) {
        if (c == long.class || c == Long.class || c == int.class || c == Integer.class) {
            return "an integer";
        }
        if (c == String.class) {
            return "a string";
        }
        if (c == boolean.class || c == Boolean.class) {
            return "a boolean";
        }
        return "a " + c.getSimpleName();
    }

    private static Map<Class<?>, String> names() {
        var m = new java.util.HashMap<Class<?>, String>();
        CLIENT_TYPES.forEach((k, v) -> m.put(v, k));
        SERVER_TYPES.forEach((k, v) -> m.put(v, k));
        return Map.copyOf(m);
    }
}
