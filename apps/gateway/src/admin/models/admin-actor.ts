/**
 * Who the admin token speaks for, in audit entries and in a price's `created_by`. One shared
 * token cannot tell operators apart; per-operator tokens would put their ids here.
 */
export const ADMIN_ACTOR = 'admin';
