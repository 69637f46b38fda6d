-- Each copy of Hoist also keeps, per signed-in reader, the private repositories they may read that
-- match a search (SearchCache). So search_generation now also moves, in the same transaction, with
-- every change to who may read what: collaborators, team grants, team members (joining or leaving
-- an organization's teams, owners included; an account's deletion removes its rows too) and teams
-- renamed or deleted (the owners team is known by its name). Visibility, renames, repository and
-- namespace deletion already move it (V4).
CREATE TRIGGER collaborators_search_generation
    AFTER INSERT OR DELETE OR UPDATE ON collaborators
    FOR EACH STATEMENT EXECUTE FUNCTION search_generation_bump();
CREATE TRIGGER team_permissions_search_generation
    AFTER INSERT OR DELETE OR UPDATE ON team_permissions
    FOR EACH STATEMENT EXECUTE FUNCTION search_generation_bump();
CREATE TRIGGER team_members_search_generation
    AFTER INSERT OR DELETE OR UPDATE ON team_members
    FOR EACH STATEMENT EXECUTE FUNCTION search_generation_bump();
CREATE TRIGGER teams_search_generation
    AFTER DELETE OR UPDATE OF name, organization_id ON teams
    FOR EACH STATEMENT EXECUTE FUNCTION search_generation_bump();
CREATE TRIGGER accounts_search_generation
    AFTER DELETE OR UPDATE OF namespace_id ON accounts
    FOR EACH STATEMENT EXECUTE FUNCTION search_generation_bump();
