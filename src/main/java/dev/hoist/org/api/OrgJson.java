package dev.hoist.org.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.hoist.model.Account;
import dev.hoist.model.Organization;
import dev.hoist.model.Team;
import java.time.Instant;

/** Organizations, their members and teams in Docker Hub's fields (hub-tool reads them; ids are strings there, teams' numbers). */
final class OrgJson {

    private OrgJson() {
    }

    record Org(String id, String orgname, @JsonProperty("full_name") String fullName, String company, String location,
            String type, @JsonProperty("date_joined") Instant dateJoined, @JsonProperty("gravatar_email") String gravatarEmail,
            @JsonProperty("gravatar_url") String gravatarUrl, @JsonProperty("profile_url") String profileUrl) {

        static Org of(Organization org) {
            return new Org(String.valueOf(org.id), org.name(), "", "", "", "Organization", org.createdAt, "", "",
                    "/u/" + org.name());
        }
    }

    record Member(String id, String username, @JsonProperty("full_name") String fullName, String company, String location,
            String type, @JsonProperty("date_joined") Instant dateJoined, @JsonProperty("gravatar_url") String gravatarUrl,
            @JsonProperty("profile_url") String profileUrl) {

        static Member of(Account account) {
            return new Member(String.valueOf(account.id), account.username(), "", "", "", "User", account.createdAt, "",
                    "/u/" + account.username());
        }
    }

    /**
     * A member as the organization's member list gives it: {@code role} ({@code Owner} or
     * {@code Member}) and {@code groups}, the teams the caller may see. No {@code email}: members'
     * addresses are theirs (Docker Hub shows them to owners; Hoist does not).
     */
    record OrgMember(String id, String username, @JsonProperty("full_name") String fullName, String company,
            String location, String type, @JsonProperty("date_joined") Instant dateJoined,
            @JsonProperty("gravatar_url") String gravatarUrl, @JsonProperty("profile_url") String profileUrl, String role,
            java.util.List<String> groups, @JsonProperty("is_guest") boolean isGuest) {

        static OrgMember of(Account account, boolean owner, String teams) {
            java.util.List<String> groups = teams.isEmpty() ? java.util.List.of() : java.util.List.of(teams.split(", "));
            return new OrgMember(String.valueOf(account.id), account.username(), "", "", "", "User", account.createdAt, "",
                    "/u/" + account.username(), owner ? "Owner" : "Member", groups, false);
        }
    }

    record Group(long id, String name, String description, @JsonProperty("member_count") long memberCount) {

        static Group of(Team team, long members) {
            return new Group(team.id, team.name, team.description, members);
        }
    }
}
