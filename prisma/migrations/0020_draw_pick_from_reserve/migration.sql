-- A pick drawn from the 一般不重合 reserve (docs/draw-algorithm.md §5c): the other level's picks
-- this year, taken only for the seats the rest of the pool could not fill. The draw record says
-- so (`reserve: true`); the column lets the console, the live page and the portal say it too.
-- Written with the pick (draw_pick stays append-only: rows held before this migration are not
-- rewritten, and read false; their records still say which were reserve picks).
-- The app role's table-wide SELECT, INSERT (migration 0012) covers the new column.
ALTER TABLE "draw_pick" ADD COLUMN "from_reserve" BOOLEAN NOT NULL DEFAULT false;
