package dev.parley.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.server.TestApi;
import dev.parley.server.TestServer;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/**
 * A group of three: Ann creates it in her browser with Ben (in his browser) and Cat; both browsers see the
 * system entries as members are added and removed, sender names in colour, roles, an invite link, and the
 * per-member read receipts of a message.
 */
@ExtendWith(FailureScreenshots.class)
class WebGroupTest {
    @RegisterExtension
    static TestServer server = new TestServer();
    static TestApi api;
    static Browser ann;
    static Browser ben;

    @BeforeAll
    static void browsers() {
        api = new TestApi(server.http());
        ann = new Browser("ann", server.http(), 1200, 800);
        ben = new Browser("ben", server.http(), 1200, 800);
    }

    @AfterAll
    static void close() {
        if (ann != null) {
            ann.close();
        }
        if (ben != null) {
            ben.close();
        }
    }

    @Test
    void aGroupOfThreeSeesMembershipChangesRolesAndReceipts() {
        TestApi.Account a = api.newUser("Ann");
        TestApi.Account b = api.newUser("Ben");
        TestApi.Account c = api.newUser("Cat");
        TestApi.Account d = api.newUser("Dan");
        ann.login(a.username(), WebChatTest.PASSWORD);
        ben.login(b.username(), WebChatTest.PASSWORD);

        ann.click("#new-group");
        ann.type("#group-name", "Book club");
        for (String member : List.of(b.username(), c.username())) {
            ann.type("#group-member", member);
            ann.click("#group-member-add");
            ann.waitText(".member-chips", member.startsWith("Ben") ? "Ben" : "Cat");
        }
        ann.screenshot("20-new-group-dialog");
        ann.click("#group-create");
        ann.waitText("#conv-title", "Book club");
        ann.waitText(".system", "You created the group “Book club”");

        ben.openChat("Book club");
        ben.waitText(".system", "Ann created the group “Book club”");
        ben.waitText("#conv-status", "Ann");

        // Ann adds Dan and removes Cat through the group info dialog
        ann.click("#group-info");
        ann.find("#group-info-dialog");
        assertThat(ann.all("#member-list .member")).hasSize(3);
        ann.type("#add-member-input", d.username());
        ann.click("#add-member-button");
        ann.until("Dan in the member list", x -> ann.all("#member-list .member").size() == 4 ? true : null);
        ann.click("#member-list .member[data-user-id='" + c.userId() + "'] button.danger");
        ann.acceptAlert();
        ann.until("Cat gone from the member list", x -> ann.all("#member-list .member").size() == 3 ? true : null);
        ann.click("#member-list .member[data-user-id='" + b.userId() + "'] .member-actions button"); // make admin
        ann.until("Ben is an admin", x -> ann.present("#member-list .member[data-user-id='" + b.userId()
                + "'][data-role='admin']") ? true : null);
        ann.click("#create-invite");
        WebElement link = ann.find("#invite-list .invite-link");
        String invite = link.getAttribute("value");
        assertThat(invite).startsWith(server.http().toString()).contains("/#join/");
        ann.screenshot("21-group-info-members-roles-invite");
        ann.keys(org.openqa.selenium.Keys.ESCAPE);
        ann.waitGone("#group-info-dialog");

        for (Browser who : List.of(ann, ben)) {
            String actor = who == ann ? "You" : "Ann";
            who.waitText(".system", actor + " added Dan");
            who.waitText(".system", actor + " removed Cat");
            who.waitText(".system", actor + (who == ann ? " made Ben an admin" : " made you an admin"));
        }
        ben.screenshot("22-member-sees-system-entries");

        // Ben writes: Ann sees his name in his colour; Ann writes: Ben reads; message info lists who read it
        ben.send("Dune first?");
        WebElement fromBen = ann.message("Dune first?");
        WebElement sender = fromBen.findElement(By.cssSelector(".sender"));
        assertThat(sender.getText()).isEqualTo("Ben");
        assertThat(sender.getAttribute("class")).matches(".*\\bc[0-7]\\b.*");
        ann.send("Yes, Dune");
        ben.message("Yes, Dune");
        ann.until("Dan has not read it: only ✓✓ or less", x -> !"read".equals(ann.tick("Yes, Dune")) ? true : null);
        ann.until("Ben's read in the message info", x -> {
            WebElement mine = ann.message("Yes, Dune");
            new Actions(ann.driver).moveToElement(mine).perform();
            mine.findElement(By.cssSelector(".info-btn")).click();
            ann.find("#message-info-dialog");
            ann.until("receipts listed", y -> ann.all("#receipt-list .receipt").size() == 2 ? true : null);
            if (ann.find("#receipt-list .receipt[data-user-id='" + b.userId() + "']").getText().contains("Read")) {
                return true;
            }
            ann.keys(org.openqa.selenium.Keys.ESCAPE);
            ann.waitGone("#message-info-dialog");
            return null;
        });
        String benRow = ann.find("#receipt-list .receipt[data-user-id='" + b.userId() + "']").getText();
        String danRow = ann.find("#receipt-list .receipt[data-user-id='" + d.userId() + "']").getText();
        assertThat(benRow).contains("Ben").contains("Read");
        assertThat(danRow).contains("Dan").contains("Not delivered yet");
        ann.screenshot("23-group-message-info");
        ann.keys(org.openqa.selenium.Keys.ESCAPE);
        ann.assertNoConsoleErrors();
        ben.assertNoConsoleErrors();

        // someone else opens the invite link and is in
        TestApi.Account e = api.newUser("Eve");
        ben.login(e.username(), WebChatTest.PASSWORD);
        ben.open(invite.substring(server.http().toString().length()));
        ben.waitText("#conv-title", "Book club");
        ben.waitText(".system", "You joined using an invite link");
        ann.waitText(".system", "Eve joined using an invite link");
        ann.assertNoConsoleErrors();
    }
}
