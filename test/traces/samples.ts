/**
 * Small sample texts per format for property tests. Real rows where the licence allows
 * (Philly, Azure: CC BY 4.0; PWA SWF with credit; Mooncake: Apache-2.0 — from the slices in
 * scenarios/traces or quoted from the public files); schema-faithful synthetic rows for the
 * Alibaba, Helios and PAI formats (their traces are not redistributable or not available here).
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { resolve } from 'node:path';

const SLICES = resolve(__dirname, '../../scenarios/traces');
const head = (text: string, n: number) => text.split('\n').slice(0, n).join('\n') + '\n';

export interface Sample { format: string; text: string; rows: number }

export function samples(): Sample[] {
  const philly = readFileSync(resolve(SLICES, 'philly-2017-10-02-week.csv'), 'utf8');
  const machines = readFileSync(resolve(SLICES, 'philly-cluster_machine_list'), 'utf8');
  const azure = readFileSync(resolve(SLICES, 'azure-llm-2023-code.csv'), 'utf8');
  const swfAll = gunzipSync(readFileSync(resolve(SLICES, 'NASA-iPSC-1993-3.1-cln.swf.gz'))).toString('utf8');
  const swfLines = swfAll.split('\n');
  const firstJob = swfLines.findIndex((l) => !l.startsWith(';'));
  const swf = swfLines.slice(0, firstJob + 40).join('\n') + '\n';
  return [
    { format: 'philly', text: head(philly, 61), rows: 60 },
    { format: 'philly-machines', text: head(machines, 41), rows: 40 },
    { format: 'azure-llm-2023', text: head(azure, 41), rows: 40 },
    { format: 'swf', text: swf, rows: 40 },
    { format: 'csv', text: 'submit_time,duration,accelerators\n0,10,1\n5,20.5,2\n7,1,8\n"9","3",4\n', rows: 4 },
    {
      format: 'swf',
      text: '1 1356996147 0 56011 4 1 1024 4 86400 68719476736 1 62 1 1 -1 1 1 1 {1241,1241,1241,1241} q_1d 1:ppn=4\n2 1356996695 71 1164297 12 1 1024 12 1209600 91268055040 1 101 1 1 -1 1 1 1 {1129,1129} q_2w 1:ppn=12\n3 1356996700 -1 -1 1 1 1024 1 1 1 1 1 1 1 -1 1 1 1 {1} q_1d 1:ppn=1\n',
      rows: 3,
    },
    {
      format: 'mooncake',
      text: '{"timestamp": 0, "input_length": 6758, "output_length": 500, "hash_ids": [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]}\n{"timestamp": 0, "input_length": 7322, "output_length": 490, "hash_ids": [0, 14, 15]}\n{"timestamp": 9, "input_length": 2290, "output_length": 316, "hash_ids": [0, 42, 43, 44, 45]}\n',
      rows: 3,
    },
    {
      format: 'alibaba-openb-2023',
      text: 'name,cpu_milli,memory_mib,num_gpu,gpu_milli,gpu_spec,qos,pod_phase,creation_time,deletion_time,scheduled_time\np0,12000,16384,1,1000,,LS,Running,0,12537496,0\np1,6000,12288,1,460,T4|P100,LS,Running,427061,12902960,427061\np2,4000,8192,0,0,,BE,Running,5000,6000,5000\np3,8000,8192,8,1000,V100M32,LS,Pending,9000,12000,\np4,8000,8192,2,1000,G2,Burstable,Failed,9100,9800,9300\n',
      rows: 5,
    },
    {
      format: 'alibaba-dlrm-2025',
      text: 'instance_sn,role,app_name,cpu_request,cpu_limit,gpu_request,gpu_limit,rdma_request,rdma_limit,memory_request,memory_limit,disk_request,disk_limit,max_instance_per_node,creation_time,scheduled_time,deletion_time\ni0,HN,app_0,12,12,1,1,25,25,120.0,120.0,640.0,800.0,8,,,\ni1,CN,app_1,12,12,0,0,0,0,120.0,120.0,640.0,800.0,-1,75,80,900\ni2,HN,app_0,12,12,1,1,25,25,120.0,120.0,640.0,800.0,8,100,130,\ni3,HN,app_2,12,12,1,1,25,25,120.0,120.0,640.0,800.0,8,,,5000\n',
      rows: 4,
    },
    {
      format: 'alibaba-sd-2026',
      text: 'gmt_create,predict_type,predict_status,exec_time_seconds,groupId,prompt_length,negative_prompt_length,num_images_per_prompt,num_inference_steps,checkpoint_model_version_id,num_lora\n2024-11-15 16:57:50,TXT_2_IMG,SUCCEED,32.0,G0000,63.0,26.0,1.0,30.0,M0000,0\n2024-11-15 18:16:14,TXT_2_IMG,SUCCEED,43.0,G0001,93.0,,1.0,40.0,M0001,0\n2024-11-15 18:17:06,IMG_2_IMG,PENDING,36.0,G0001,93.0,,8.0,40.0,M0001,2\n',
      rows: 3,
    },
    {
      format: 'azure-functions-2021',
      text: 'app,func,end_timestamp,duration\na1,f1,0.07949090003967285,0.078\na2,f2,57.15786004066467,57.154\na2,f3,59.13047790527344,59.125\n',
      rows: 3,
    },
    {
      format: 'helios',
      text: 'job_id,user,vc,gpu_num,cpu_num,node_num,state,submit_time,start_time,end_time,duration,queue\n1425511,uXBbc,vcJkd,1,1,1,COMPLETED,2020-06-09 18:41:01,2020-06-09 18:41:01,2020-06-10 04:55:09,36848,0\n1425512,uVMrF,vchbv,4,16,1,FAILED,2020-06-09 18:41:27,2020-06-09 18:41:27,2020-06-09 18:45:36,249,0\n1425514,uzqls,vcpDC,0,1,1,CANCELLED,2020-06-09 18:41:28,2020-06-09 18:41:28,2020-06-17 14:15:21,675233,0\n',
      rows: 3,
    },
    {
      format: 'alibaba-pai-2020',
      text: 'j1,worker,2,Terminated,5000,9000,600.0,29.3,50.0,V100\nj1,ps,1,Terminated,5000,9000,600.0,29.3,,\nj2,tensorflow,1,Running,7000,,400.0,10.0,100.0,T4\nj3,worker,8,Failed,8000,8600,800.0,100.0,100.0,MISC\n',
      rows: 4,
    },
    {
      format: 'alibaba-openb-nodes',
      text: 'sn,cpu_milli,memory_mib,gpu,model\nn0,32000,262144,0,\nn1,64000,262144,2,P100\nn2,96000,786432,8,G2\n',
      rows: 3,
    },
    { format: 'alibaba-pai-machines', text: 'm0,T4,96,512,2\nm1,CPU,96,512,0\nm2,V100M32,96,512,8\n', rows: 3 },
    { format: 'alibaba-spot-gpu-nodes', text: 'gpu_model,gpu_capacity_num,cpu_num,node_name\nGPU-series-1,4,192,0\nA10,1,128,2\nH800,8,192,3\n', rows: 3 },
  ];
}
