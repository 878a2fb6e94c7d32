import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';

export class ListAccountsQueryDto {
  /** A fragment of the name or email, or an exact account id. */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  search?: string;

  /** The `next_cursor` of the previous page. */
  @IsOptional()
  @Matches(/^acct_[0-9A-Za-z]{1,64}$/, {
    message: 'cursor must be the next_cursor of a previous page',
  })
  cursor?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit must be an integer' })
  @Min(1)
  @Max(100)
  limit?: number;
}
