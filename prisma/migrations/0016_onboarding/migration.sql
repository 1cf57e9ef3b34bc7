-- A county sets itself up (issue 19): the installation's operator (平台管理员) holds a token or a
-- user with the role OPERATOR that belongs to no jurisdiction; every other token and user
-- belongs to exactly one. The new enum value is not used in this transaction (PostgreSQL
-- refuses that): the checks compare the role as text.
ALTER TYPE "Role" ADD VALUE 'OPERATOR';

ALTER TABLE "api_token" ALTER COLUMN "jurisdiction_id" DROP NOT NULL;
ALTER TABLE "api_token" ADD CONSTRAINT "api_token_operator_unbound" CHECK (("role"::text = 'OPERATOR') = ("jurisdiction_id" IS NULL));
ALTER TABLE "app_user" ALTER COLUMN "jurisdiction_id" DROP NOT NULL;
ALTER TABLE "app_user" ADD CONSTRAINT "app_user_operator_unbound" CHECK (("role"::text = 'OPERATOR') = ("jurisdiction_id" IS NULL));

-- updateJurisdiction replaces a jurisdiction's neighbours (both directions, on both trails).
GRANT DELETE ON jurisdiction_neighbour TO double_random_app;
