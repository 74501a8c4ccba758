package dev.parley.core.service;

import dev.parley.core.model.AppendResult;
import dev.parley.core.model.DeviceIdentity;
import dev.parley.core.model.Draft;
import dev.parley.core.model.Message;
import dev.parley.core.model.MessageKind;
import dev.parley.core.model.Chat;
import dev.parley.core.model.MediaItem;
import dev.parley.core.model.Member;
import dev.parley.core.port.ChatStore;
import dev.parley.core.port.MediaStore;
import dev.parley.core.port.MessageLog;
import java.time.Clock;

/** Sending messages: validate, rate-limit, then one durable, idempotent append. */
public final class MessageService {
    private final MessageLog log;
    private final ChatStore chats;
    private final MediaStore media;
    private final ContactService contacts;
    /** chatId → the two users of a direct chat (empty for groups); direct chats never change members. */
    private final java.util.Map<Long, java.util.Optional<long[]>> directUsers = new java.util.concurrent.ConcurrentHashMap<>();
    private final RateLimiter sendLimiter;
    private final MessageIds ids;
    private final Limits limits;
    private final Clock clock;

    public MessageService(MessageLog log, ChatStore chats, MediaStore media, ContactService contacts,
                          RateLimiter sendLimiter, MessageIds ids, Limits limits, Clock clock) {
        this.log = log;
        this.chats = chats;
        this.media = media;
        this.contacts = contacts;
        this.sendLimiter = sendLimiter;
        this.ids = ids;
        this.limits = limits;
        this.clock = clock;
    }

    /**
     * Returns the stored message once it is durable. The same {@code clientId} from the same sender always
     * returns the first stored message and stores nothing new.
     */
    public Message sendText(DeviceIdentity sender, long chatId, String clientId, String text, Long replyTo) {
        return send(sender, chatId, clientId, MessageKind.TEXT, text, replyTo, null);
    }

    /**
     * Sends a message of any client kind (text, image, video, file). Text needs a non-empty {@code text} and no
     * media; the media kinds need a {@code mediaId} the sender may read whose sniffed type fits the kind (image/*,
     * video/*, anything for file); their {@code text} is an optional caption.
     */
    public Message send(DeviceIdentity sender, long chatId, String clientId, MessageKind kind, String text,
                        Long replyTo, String mediaId) {
        String body = checkBody(sender.userId(), kind, text, mediaId);
        if (replyTo != null) {
            checkReplyTo(sender.userId(), chatId, replyTo);
        }
        checkNotBlocked(sender.userId(), chatId);
        if (!sendLimiter.tryAcquire(sender.deviceId())) {
            throw new ServiceException(Failure.RATE_LIMITED, "more than " + limits.sendsPerSecond()
                    + " sends per second from this device; retry later with the same clientId");
        }
        Draft draft = new Draft(chatId, ids.next(), sender.userId(), sender.deviceId(), clientId, kind,
                body, replyTo, clock.instant(), mediaId);
        return switch (log.append(draft)) {
            case AppendResult.Appended a when a.message().chatId() != chatId -> throw new ServiceException(
                    Failure.INVALID_ARGUMENT, "clientId '" + clientId + "' was already used for a message in chat "
                    + a.message().chatId() + "; use a new clientId per message");
            case AppendResult.Appended a -> a.message();
            case AppendResult.NotMember n -> throw ChatService.notMember(n.chatId());
            case AppendResult.NotAllowed n -> throw new ServiceException(Failure.FORBIDDEN,
                    "only admins may send messages in chat " + n.chatId());
            case AppendResult.MediaMissing m -> throw mediaNotFound(m.mediaId());
        };
    }

    /** The stored text of the message: the checked text, or the caption ("" when none) of a media message. */
    private String checkBody(long senderId, MessageKind kind, String text, String mediaId) {
        if (kind == MessageKind.TEXT) {
            if (mediaId != null) {
                throw new ServiceException(Failure.INVALID_ARGUMENT, "a text message cannot carry media '"
                        + mediaId + "'; use kind image, video or file");
            }
            checkText(text);
            return text;
        }
        if (!kind.hasMedia()) {
            throw new ServiceException(Failure.INVALID_ARGUMENT, "clients cannot send messages of kind " + kind);
        }
        checkMedia(senderId, kind, mediaId);
        String caption = text == null ? "" : text;
        checkLength(caption);
        return caption;
    }

    private void checkMedia(long senderId, MessageKind kind, String mediaId) {
        if (mediaId == null) {
            throw new ServiceException(Failure.INVALID_ARGUMENT, "field 'mediaId' is required for kind "
                    + kind.name().toLowerCase(java.util.Locale.ROOT));
        }
        MediaItem item = media.item(mediaId).filter(i -> media.canRead(mediaId, senderId))
                .orElseThrow(() -> mediaNotFound(mediaId));
        String mime = item.content().mime();
        boolean fits = switch (kind) {
            case IMAGE -> mime.startsWith("image/");
            case VIDEO -> mime.startsWith("video/");
            default -> true;
        };
        if (!fits) {
            throw new ServiceException(Failure.INVALID_ARGUMENT, "media '" + mediaId + "' is " + mime
                    + ", which does not fit kind " + kind.name().toLowerCase(java.util.Locale.ROOT)
                    + "; send it as kind file");
        }
    }

    static ServiceException mediaNotFound(String mediaId) {
        return new ServiceException(Failure.NOT_FOUND, "no media '" + mediaId + "' that you can share");
    }

    /** In a direct chat, a user the peer blocked cannot send; nothing is stored. Groups are not affected. */
    private void checkNotBlocked(long senderId, long chatId) {
        java.util.Optional<long[]> cached = directUsers.computeIfAbsent(chatId, this::loadDirectUsers);
        long[] users = cached == null ? null : cached.orElse(null);
        if (users == null) {
            return;
        }
        long peer = users[0] == senderId ? users[1] : users[0];
        if (contacts.hasBlocked(peer, senderId)) {
            throw new ServiceException(Failure.FORBIDDEN, "you cannot message this user");
        }
    }

    /** The users of a direct chat; empty for a group; null (not cached) when the chat does not exist yet. */
    private java.util.Optional<long[]> loadDirectUsers(long chatId) {
        var chat = chats.chat(chatId);
        if (chat.isEmpty()) {
            return null;
        }
        if (chat.get().kind() != dev.parley.core.model.ChatKind.DIRECT) {
            return java.util.Optional.empty();
        }
        long[] users = chats.members(chatId).stream().mapToLong(Member::userId).toArray();
        return users.length == 2 ? java.util.Optional.of(users) : java.util.Optional.empty();
    }

    /** A reply must quote an existing message the sender can see (only a member learns anything of the chat). */
    private void checkReplyTo(long senderId, long chatId, long replyTo) {
        Member me = chats.member(chatId, senderId).filter(Member::active)
                .orElseThrow(() -> ChatService.notMember(chatId));
        long lastSeq = chats.chat(chatId).map(Chat::lastSeq).orElse(0L);
        if (replyTo <= me.joinSeq() || replyTo > lastSeq) {
            throw new ServiceException(Failure.INVALID_ARGUMENT, "replyTo " + replyTo + " is not a message of chat "
                    + chatId + " that you can see (expected " + (me.joinSeq() + 1) + ".." + lastSeq + ")");
        }
    }

    private void checkText(String text) {
        if (text == null || text.isBlank()) {
            throw new ServiceException(Failure.INVALID_ARGUMENT, "field 'text' must not be empty");
        }
        checkLength(text);
    }

    private void checkLength(String text) {
        if (text.length() > limits.maxTextLength()) {
            throw new ServiceException(Failure.TEXT_TOO_LONG, "text has " + text.length()
                    + " characters, the limit is " + limits.maxTextLength());
        }
    }
}
