import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { DutyStation } from '../../dimensions/duty-station/duty-station.entity';
import { SecretariatEntity } from '../../dimensions/entity/secretariat-entity.entity';
import { MemberState } from '../../dimensions/member-state/member-state.entity';
import type { RequestContext } from '../../server/context';
import { RecruitmentCell } from './recruitment.types';
import { WorkforceCell } from './workforce.types';

/** Links from flat cells to the dimension objects, for front ends (batched like every relation). */
@Resolver(() => WorkforceCell)
export class WorkforceCellLinks {
  @FieldResolver(() => SecretariatEntity, {
    nullable: true,
    description: 'The entity, when grouped by ENTITY.',
  })
  entity(
    @Root() cell: WorkforceCell,
    @Ctx() ctx: RequestContext,
  ): Promise<SecretariatEntity | null> | null {
    return cell.entityCode
      ? ctx.loaders.byKey(SecretariatEntity, 'code').load(cell.entityCode)
      : null;
  }

  @FieldResolver(() => DutyStation, {
    nullable: true,
    description: 'The duty station, when grouped by DUTY_STATION.',
  })
  dutyStation(
    @Root() cell: WorkforceCell,
    @Ctx() ctx: RequestContext,
  ): Promise<DutyStation | null> | null {
    return cell.dutyStationCode
      ? ctx.loaders.byKey(DutyStation, 'code').load(cell.dutyStationCode)
      : null;
  }

  @FieldResolver(() => MemberState, {
    nullable: true,
    description: 'The member state, when grouped by NATIONALITY.',
  })
  nationalityState(
    @Root() cell: WorkforceCell,
    @Ctx() ctx: RequestContext,
  ): Promise<MemberState | null> | null {
    return cell.nationality ? ctx.loaders.byKey(MemberState, 'iso3').load(cell.nationality) : null;
  }
}

@Resolver(() => RecruitmentCell)
export class RecruitmentCellLinks {
  @FieldResolver(() => SecretariatEntity, {
    nullable: true,
    description: 'The entity, when grouped by ENTITY.',
  })
  entity(
    @Root() cell: RecruitmentCell,
    @Ctx() ctx: RequestContext,
  ): Promise<SecretariatEntity | null> | null {
    return cell.entityCode
      ? ctx.loaders.byKey(SecretariatEntity, 'code').load(cell.entityCode)
      : null;
  }
}
