package dev.parley.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.core.model.Device;
import dev.parley.core.model.User;
import dev.parley.core.service.AccountService;
import dev.parley.protocol.ErrorCode;
import dev.parley.server.ws.ViewMapper;
import io.netty.handler.codec.http.HttpMethod;
import java.util.List;
import java.util.Map;

/** HTTP endpoints of accounts, sessions (login/logout), devices and user lookup. */
public final class AccountApi {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(AccountApi.class);
    private final AccountService accounts;
    private final ObjectMapper mapper;

    public AccountApi(AccountService accounts, ObjectMapper mapper) {
        this.accounts = accounts;
        this.mapper = mapper;
    }

    public void register(RouteTable routes) {
        routes.open(HttpMethod.POST, "/v1/accounts", this::createAccount)
                .open(HttpMethod.POST, "/v1/sessions", this::login)
                .authenticated(HttpMethod.DELETE, "/v1/sessions/current", this::logout)
                .authenticated(HttpMethod.GET, "/v1/devices", this::devices)
                .authenticated(HttpMethod.DELETE, "/v1/devices/{id}", this::revokeDevice)
                .authenticated(HttpMethod.GET, "/v1/users", this::findUser)
                .authenticated(HttpMethod.GET, "/v1/users/{id}", this::userById)
                .authenticated(HttpMethod.GET, "/v1/me", this::me)
                .authenticated(HttpMethod.PATCH, "/v1/me/settings", this::updateSettings);
    }

    private HttpResult createAccount(HttpCall call) {
        JsonNode body = call.json(mapper);
        User user = accounts.register(HttpCall.text(body, "username"), HttpCall.text(body, "phone"),
                HttpCall.text(body, "displayName"), HttpCall.text(body, "password"));
        log.atInfo().addKeyValue("userId", user.id()).addKeyValue("ip", call.remoteAddress()).log("user registered");
        return HttpResult.json(201, ViewMapper.user(user));
    }

    private HttpResult login(HttpCall call) {
        JsonNode body = call.json(mapper);
        AccountService.Login login = accounts.login(HttpCall.text(body, "login"), HttpCall.text(body, "password"),
                HttpCall.text(body, "deviceName"));
        log.atInfo().addKeyValue("userId", login.userId()).addKeyValue("deviceId", login.deviceId())
                .addKeyValue("ip", call.remoteAddress()).log("device logged in");
        return HttpResult.json(201, login);
    }

    private HttpResult logout(HttpCall call) {
        accounts.revoke(call.caller(), call.caller().deviceId());
        log.atInfo().addKeyValue("userId", call.caller().userId()).addKeyValue("deviceId", call.caller().deviceId())
                .log("device logged out");
        return HttpResult.noContent();
    }

    private HttpResult devices(HttpCall call) {
        List<Map<String, Object>> list = accounts.devices(call.caller()).stream()
                .map(d -> device(d, d.id() == call.caller().deviceId())).toList();
        return HttpResult.json(200, Map.of("devices", list));
    }

    private HttpResult revokeDevice(HttpCall call) {
        accounts.revoke(call.caller(), call.longParam("id"));
        log.atInfo().addKeyValue("userId", call.caller().userId()).addKeyValue("deviceId", call.longParam("id"))
                .addKeyValue("by", call.caller().deviceId()).log("device revoked");
        return HttpResult.noContent();
    }

    private HttpResult findUser(HttpCall call) {
        String username = call.queryParam("username");
        String phone = call.queryParam("phone");
        if ((username == null) == (phone == null)) {
            throw new HttpError(ErrorCode.INVALID_FRAME, "exactly one query parameter of 'username' or 'phone' is required");
        }
        if (username != null) {
            return HttpResult.json(200, ViewMapper.directoryUser(accounts.userByUsername(username), call.caller().userId()));
        }
        return HttpResult.json(200, ViewMapper.user(accounts.userByPhone(phone)));
    }

    private HttpResult userById(HttpCall call) {
        return HttpResult.json(200, ViewMapper.directoryUser(accounts.user(call.longParam("id")), call.caller().userId()));
    }

    private HttpResult me(HttpCall call) {
        return HttpResult.json(200, meView(accounts.user(call.caller().userId())));
    }

    private HttpResult updateSettings(HttpCall call) {
        JsonNode body = call.json(mapper);
        User user = accounts.updateSettings(call.caller().userId(), HttpCall.bool(body, "readReceipts"),
                visibility(HttpCall.text(body, "lastSeen"), "lastSeen"), visibility(HttpCall.text(body, "online"), "online"));
        return HttpResult.json(200, meView(user));
    }

    private static Map<String, Object> meView(User u) {
        var m = new java.util.LinkedHashMap<String, Object>();
        m.put("id", u.id());
        m.put("username", u.username());
        m.put("phone", u.phone());
        m.put("displayName", u.displayName());
        m.put("settings", Map.of("readReceipts", u.settings().readReceipts(),
                "lastSeen", u.settings().lastSeen().name().toLowerCase(java.util.Locale.ROOT),
                "online", u.settings().online().name().toLowerCase(java.util.Locale.ROOT)));
        return m;
    }

    private static dev.parley.core.model.Settings.Visibility visibility(String value, String field) {
        if (value == null) {
            return null;
        }
        return switch (value) {
            case "everyone" -> dev.parley.core.model.Settings.Visibility.EVERYONE;
            case "contacts" -> dev.parley.core.model.Settings.Visibility.CONTACTS;
            case "nobody" -> dev.parley.core.model.Settings.Visibility.NOBODY;
            default -> throw new HttpError(ErrorCode.INVALID_FRAME,
                    "field '" + field + "' must be \"everyone\", \"contacts\" or \"nobody\", got \"" + value + "\"");
        };
    }

    private static Map<String, Object> device(Device d, boolean current) {
        return Map.of("id", d.id(), "name", d.name(), "createdAt", d.createdAt().toEpochMilli(), "current", current);
    }
}
